# The server requires MPPE-128, the client will not do MPPE at all.
TITLE="Server require-mppe-128, client nomppe."
CLIENT_OPTS="nomppe"
SETUP="Client pppd: \`nomppe\` instead of \`require-mppe-128\`."
OUTCOME=failed; STAGE=encryption; SIDE="client (refuses the encryption the server requires)"; WINDOWS="742 (the remote computer requires encryption this one does not do) / 734"
DECISIVE='server-pppd.log|CHAP Success|CCP|MPPE required|LCP TermReq|Connection terminated
client-pppd.log|CCP|MPPE|LCP TermReq|terminated|Connection terminated'
