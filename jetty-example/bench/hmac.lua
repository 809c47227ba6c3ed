-- wrk script for load.sh's OCTOKIT=1 rounds: POSTs a fresh meCash ramp.payout.completed per request (its own
-- data.id, so every delivery is a NEW event to ramphook's dedup), signed as GitHub signs, so the same bytes go to
-- both servers: X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>, X-GitHub-Event, X-GitHub-Delivery.
--   wrk -t2 -c32 -d10s -s hmac.lua http://127.0.0.1:8080 -- <path> <secret> <run-nonce>
-- ramphook verifies it at NoopServer's /webhooks/hmac (meCash parsing, HmacSignature.sha256Hex with "sha256="),
-- @octokit/webhooks at /webhooks/github. Prints one machine-readable RESULT line when done.
--
-- wrk's LuaJIT has no HMAC, so SHA-256 is below. The body is a fixed prefix of whole 64-byte blocks and a short
-- varying tail: the HMAC state after the key and the prefix is computed once, and each request hashes only its
-- tail and the outer block (3 compressions), so the client's cost is small and the same for both servers.

local bit = require("bit")
local band, bor, bxor, bnot, rshift, lshift, ror, tobit, tohex =
  bit.band, bit.bor, bit.bxor, bit.bnot, bit.rshift, bit.lshift, bit.ror, bit.tobit, bit.tohex

local K = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}
local IV = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 }
local W = {}

-- One 64-byte block of s at byte offset off (0-based) into the state H (eight int32s), in place.
local function compress(H, s, off)
  for i = 0, 15 do
    local a, b, c, d = s:byte(off + i * 4 + 1, off + i * 4 + 4)
    W[i] = bor(lshift(a, 24), lshift(b, 16), lshift(c, 8), d)
  end
  for i = 16, 63 do
    local w15, w2 = W[i - 15], W[i - 2]
    local s0 = bxor(ror(w15, 7), ror(w15, 18), rshift(w15, 3))
    local s1 = bxor(ror(w2, 17), ror(w2, 19), rshift(w2, 10))
    W[i] = tobit(W[i - 16] + s0 + W[i - 7] + s1)
  end
  local a, b, c, d, e, f, g, h = H[1], H[2], H[3], H[4], H[5], H[6], H[7], H[8]
  for i = 0, 63 do
    local t1 = tobit(h + bxor(ror(e, 6), ror(e, 11), ror(e, 25)) + bxor(band(e, f), band(bnot(e), g)) + K[i + 1] + W[i])
    local t2 = tobit(bxor(ror(a, 2), ror(a, 13), ror(a, 22)) + bxor(band(a, b), band(a, c), band(b, c)))
    h, g, f, e, d, c, b, a = g, f, e, tobit(d + t1), c, b, a, tobit(t1 + t2)
  end
  H[1], H[2], H[3], H[4] = tobit(H[1] + a), tobit(H[2] + b), tobit(H[3] + c), tobit(H[4] + d)
  H[5], H[6], H[7], H[8] = tobit(H[5] + e), tobit(H[6] + f), tobit(H[7] + g), tobit(H[8] + h)
end

local function copy(H)
  return { H[1], H[2], H[3], H[4], H[5], H[6], H[7], H[8] }
end

-- The state after whole blocks s (#s a multiple of 64), from state H.
local function absorb(H, s)
  H = copy(H)
  for off = 0, #s - 1, 64 do
    compress(H, s, off)
  end
  return H
end

-- The digest of a message whose first `done` bytes (a multiple of 64) gave state H and whose rest is `rest`.
local function finish(H, done, rest)
  local bits = (done + #rest) * 8
  local len = ""
  for _ = 1, 8 do
    len = string.char(bits % 256) .. len
    bits = math.floor(bits / 256)
  end
  return absorb(H, rest .. "\128" .. string.rep("\0", (55 - #rest) % 64) .. len)
end

local function bytes(H)
  local out = {}
  for i = 1, 8 do
    local x = H[i]
    out[i] = string.char(band(rshift(x, 24), 255), band(rshift(x, 16), 255), band(rshift(x, 8), 255), band(x, 255))
  end
  return table.concat(out)
end

local function hex(H)
  local out = {}
  for i = 1, 8 do
    out[i] = tohex(H[i], 8)
  end
  return table.concat(out)
end

-- HMAC-SHA256 of prefix .. tail, with the keyed state after prefix (#prefix a multiple of 64) computed once.
local function hmac(key, prefix)
  if #key > 64 then
    key = bytes(finish(IV, 0, key))
  end
  key = key .. string.rep("\0", 64 - #key)
  local ipad, opad = {}, {}
  for i = 1, 64 do
    ipad[i] = string.char(bxor(key:byte(i), 0x36))
    opad[i] = string.char(bxor(key:byte(i), 0x5c))
  end
  local inner = absorb(IV, table.concat(ipad) .. prefix)
  local outer = absorb(IV, table.concat(opad))
  local done = 64 + #prefix
  return function(tail)
    return hex(finish(outer, 64, bytes(finish(inner, done, tail))))
  end
end

-- RFC 4231, test case 2: a wrong SHA-256 here would measure 401s, not deliveries.
assert(hmac("Jefe", "")("what do ya want for nothing?")
  == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "HMAC-SHA256 self-test failed")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local path, nonce, sign, prefix
local counter = 0
local headers = {
  ["Content-Type"] = "application/json",
  ["X-GitHub-Event"] = "ramp_payout",
  ["User-Agent"] = "GitHub-Hookshot/bench",
}

function init(args)
  path = args[1] or "/webhooks/hmac"
  local secret = args[2] or ""
  nonce = args[3] or tostring(os.time())
  -- meCash's documented payout, without its optional quote and recipient; padded (an unknown field, as real
  -- payloads grow) so that the part before the id is whole blocks. About 0.3 KB, as zbd.lua's bodies.
  local head = '{"event":"ramp.payout.completed","data":{"type":"SEND","category":"OFF_RAMP","state":"COMPLETED",'
    .. '"referenceNumber":"YQXUA0ELOXXXXXX","created":"2025-01-08T12:23:51.908663",'
    .. '"processed":"2025-01-08T12:30:10.499526","note":"'
  local tail = '","id":"'
  local pad = (64 - (#head + #tail) % 64) % 64
  prefix = head .. string.rep("x", pad) .. tail
  assert(#prefix % 64 == 0)
  sign = hmac(secret, prefix)
end

function request()
  counter = counter + 1
  local rest = string.format('%s-%d-%d"}}', nonce, tid, counter)
  headers["X-Hub-Signature-256"] = "sha256=" .. sign(rest)
  headers["X-GitHub-Delivery"] = string.format("%s-%d-%d", nonce, tid, counter)
  return wrk.format("POST", path, headers, prefix .. rest)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50.0), latency:percentile(99.0), e.status, e.connect + e.read + e.write + e.timeout))
end
