# The client requires MPPE-128, the server will not do MPPE.
TITLE="Client require-mppe-128, server nomppe."
SERVER_OPTS="refuse-pap refuse-chap refuse-mschap require-mschap-v2 nomppe"
SETUP="Server pppd: \`nomppe\` instead of \`require-mppe-128\`."
OUTCOME=failed; STAGE=encryption; SIDE="server (refuses MPPE; the client gives up)"; WINDOWS="742 (the remote computer does not support the required data encryption type)"
DECISIVE='client-pppd.log|CHAP Success|CCP|MPPE required|LCP TermReq|Connection terminated
server-pppd.log|CCP|LCP TermReq|terminated|Connection terminated'
