import PPTPDissect
import PPTPTestSupport

// Dissect and TestSupport both declare a few wire-number types (`LinkType`, `EtherType`, `PPPFrame` …).
// In these tests the unqualified names mean the dissector's types; the builders are reached through `Wire`
// (see Builders.swift) or spelled `TestSupport.X`.
typealias LinkType = PPTPDissect.LinkType
typealias EtherType = PPTPDissect.EtherType
typealias IPProtocol = PPTPDissect.IPProtocol
typealias PPPProtocol = PPTPDissect.PPPProtocol
typealias PPPFrame = PPTPDissect.PPPFrame
typealias TCPFlags = PPTPDissect.TCPFlags
typealias MACAddress = PPTPDissect.MACAddress
