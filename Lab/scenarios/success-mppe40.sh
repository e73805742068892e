# Both ends agree on the weakest MPPE key there is: 40 bits. The session works; the security finding (an
# export-grade key) is what the capture shows besides the success. Both also allow `mppe-stateful`, and pppd
# still agrees on stateless mode (it proposes the H bit and takes it when the peer does): the label says so.
TITLE="Client and server require-mppe-40 (and allow mppe-stateful): a working tunnel with a 40-bit key."
SERVER_OPTS="refuse-pap refuse-chap refuse-mschap require-mschap-v2 require-mppe-40 mppe-stateful"
CLIENT_OPTS="require-mppe-40 mppe-stateful"
SETUP="Server and client pppd: \`require-mppe-40 mppe-stateful\` instead of \`require-mppe-128\`."
HANGUP=client
OUTCOME=success; STAGE="— (established, then a clean teardown by the client)"; SIDE=client; WINDOWS="none (connected; security: 40-bit MPPE)"
DECISIVE='client-pppd.log|CCP ConfAck|MPPE 40-bit stateless|local  IP address
server-pppd.log|CCP ConfAck|MPPE 40-bit stateless|remote IP address'
