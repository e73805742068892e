# The server's pppd cannot start: its options file has an option pppd does not know.
TITLE="Server pppd options file contains an invalid option; pppd exits at once."
SERVER_OPTS_RAW="no-such-pppd-option-in-the-lab"
UP_WAIT=20; FAIL_WAIT=20
SETUP="One extra line in the server pppd options file: \`no-such-pppd-option-in-the-lab\`."
OUTCOME=failed; STAGE=call-setup; SIDE=server; WINDOWS="628/629 (the server closed the connection) / 619"
DECISIVE='pptpd.log|unrecognized|GRE: read|PTY read|Call|finished|pppd
pptp.log|Call-Disconnect|Closing|warn|connection
client-pppd.log|LCP|timeout|Modem hangup|Connection terminated|Exit'
