import Dissect
import TestSupport

// Dissect and TestSupport both declare a few wire-number types (`LinkType`, `EtherType`, `PPPFrame` …).
// In these tests the unqualified names mean the dissector's types; the builders are reached through `Wire`
// (see Builders.swift) or spelled `TestSupport.X`.
typealias LinkType = Dissect.LinkType
typealias EtherType = Dissect.EtherType
typealias IPProtocol = Dissect.IPProtocol
typealias PPPProtocol = Dissect.PPPProtocol
typealias PPPFrame = Dissect.PPPFrame
typealias TCPFlags = Dissect.TCPFlags
typealias MACAddress = Dissect.MACAddress
