#!/usr/bin/env bash
# Regenerates the WXBizMsgCrypt vectors in this folder with tools independent of the C# code:
# printf/xxd build the plaintext and its 32-byte-block PKCS#7 padding, `openssl enc -nopad` encrypts,
# `sort | sha1sum` signs. Needs bash, coreutils (base64, sort, sha1sum, wc), xxd, openssl and jq.
# Usage: ./make-vectors.sh   (writes <name>.json beside this script; commit the result)
set -euo pipefail
cd "$(dirname "$0")"
export LC_ALL=C

# make_vector NAME TOKEN ENCODING_AES_KEY APPID TIMESTAMP NONCE RANDOM_PREFIX_HEX PLAINTEXT
make_vector() {
  local name=$1 token=$2 aes_key=$3 app_id=$4 timestamp=$5 nonce=$6 random_hex=$7 plaintext=$8

  # Key: Base64-decode the 43 characters plus "="; IV: the first 16 key bytes.
  local key_hex iv_hex
  key_hex=$(printf '%s=' "$aes_key" | base64 -d | xxd -p -c 256)
  iv_hex=${key_hex:0:32}

  # Plaintext: random prefix (16 bytes) | message length (4 bytes, big-endian) | message (UTF-8) | AppId (UTF-8).
  local msg_len msg_hex app_hex body_hex body_len pad pad_hex
  msg_len=$(printf '%s' "$plaintext" | wc -c)
  msg_hex=$(printf '%s' "$plaintext" | xxd -p -c 0 | tr -d '\n')
  app_hex=$(printf '%s' "$app_id" | xxd -p -c 0 | tr -d '\n')
  body_hex="${random_hex}$(printf '%08x' "$msg_len")${msg_hex}${app_hex}"
  body_len=$(( ${#body_hex} / 2 ))

  # PKCS#7 over 32-byte blocks: 1..32 bytes, each equal to the pad length.
  pad=$(( 32 - body_len % 32 ))
  pad_hex=$(printf '%02x' "$pad")
  for _ in $(seq "$pad"); do body_hex+=$pad_hex; done

  # AES-256-CBC without OpenSSL's own padding, then Base64 on one line.
  local encrypt
  encrypt=$(printf '%s' "$body_hex" | xxd -r -p \
    | openssl enc -aes-256-cbc -nopad -K "$key_hex" -iv "$iv_hex" | base64 -w 0)

  # msg_signature: SHA-1 of token, timestamp, nonce and Encrypt sorted bytewise and concatenated.
  local signature
  signature=$(printf '%s\n' "$token" "$timestamp" "$nonce" "$encrypt" | sort | tr -d '\n' | sha1sum | cut -d' ' -f1)

  jq -n --arg token "$token" --arg encodingAesKey "$aes_key" --arg appId "$app_id" \
    --arg timestamp "$timestamp" --arg nonce "$nonce" --arg randomPrefixHex "$random_hex" \
    --arg plaintext "$plaintext" --arg keyHex "$key_hex" --arg ivHex "$iv_hex" --argjson padLength "$pad" \
    --arg encrypt "$encrypt" --arg msgSignature "$signature" \
    '{token: $token, encodingAesKey: $encodingAesKey, appId: $appId, timestamp: $timestamp, nonce: $nonce,
      randomPrefixHex: $randomPrefixHex, plaintext: $plaintext, keyHex: $keyHex, ivHex: $ivHex,
      padLength: $padLength, encrypt: $encrypt, msgSignature: $msgSignature}' > "$name.json"
  echo "wrote $name.json (pad $pad, ${#encrypt} Base64 chars)"
}

make_vector component-verify-ticket \
  "pushToken2024" "Zm9vYmFyYmF6cXV4MDEyMzQ1Njc4OWFiY2RlZmdoaWp" "wx3f1c0ffee0ddba11" \
  "1718000000" "583920174" "00112233445566778899aabbccddeeff" \
  '<xml><AppId><![CDATA[wx3f1c0ffee0ddba11]]></AppId><CreateTime>1718000000</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[ticket@@@Q7xk2-sandbox-ticket-value]]></ComponentVerifyTicket></xml>'

make_vector authorized-event \
  "Tk-9" "kXl2Vb0v8sQ7mJ3nR4tY6uI1oP5aS2dF9gH0jK3lZ8q" "wx3f1c0ffee0ddba11" \
  "1718000123" "n0nce" "f0e1d2c3b4a5968778695a4b3c2d1e0f" \
  '<xml><AppId><![CDATA[wx3f1c0ffee0ddba11]]></AppId><CreateTime>1718000123</CreateTime><InfoType><![CDATA[authorized]]></InfoType><AuthorizerAppid><![CDATA[wxa11ce0000000001]]></AuthorizerAppid><AuthorizationCode><![CDATA[queryauthcode@@@demo-code]]></AuthorizationCode><AuthorizationCodeExpiredTime>1718003723</AuthorizationCodeExpiredTime><PreAuthCode><![CDATA[preauthcode@@@demo]]></PreAuthCode></xml>'

# UTF-8 beyond ASCII (the length is in bytes, not characters) and a key whose last character has non-zero
# trailing bits (WeChat keys are random, so decoders must accept them).
make_vector utf8-message \
  "令牌token" "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/abcdf" "wxplatform00000042" \
  "1700000000" "1234567890" "ffffffffffffffff0000000000000000" \
  '<xml><AppId><![CDATA[wxplatform00000042]]></AppId><CreateTime>1700000000</CreateTime><InfoType><![CDATA[notify_third_fasteregister]]></InfoType><msg><![CDATA[微信小程序 — 域名]]></msg></xml>'

# 16 + 4 + 8 + 4 = 32 bytes before padding: a whole extra block of 32 pad bytes, each 0x20.
make_vector full-pad-block \
  "t" "0000000000000000000000000000000000000000000" "wxab" \
  "1" "2" "0102030405060708090a0b0c0d0e0f10" \
  '<xml/>  '
