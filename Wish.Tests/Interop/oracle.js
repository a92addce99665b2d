// Interop oracle: runs wechat-crypto (a third-party WeChat crypto implementation) over a JSON array on stdin.
// Each request: {op: "encrypt"|"decrypt", token, encodingAESKey, appid, timestamp, nonce, message?|encrypt?}.
// Each answer:  encrypt -> {encrypt, msg_signature}; decrypt -> {message, appid, msg_signature} (signature recomputed).
'use strict';
const WXBizMsgCrypt = require('wechat-crypto');

function run(request) {
  const crypto = new WXBizMsgCrypt(request.token, request.encodingAESKey, request.appid);
  if (request.op === 'encrypt') {
    const encrypt = crypto.encrypt(request.message);
    return { encrypt, msg_signature: crypto.getSignature(request.timestamp, request.nonce, encrypt) };
  }
  if (request.op === 'decrypt') {
    const { message, id } = crypto.decrypt(request.encrypt);
    return { message, appid: id, msg_signature: crypto.getSignature(request.timestamp, request.nonce, request.encrypt) };
  }
  throw new Error(`unknown op ${request.op}`);
}

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  const requests = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  process.stdout.write(JSON.stringify(requests.map(run)));
});
