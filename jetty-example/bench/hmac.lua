-- wrk script for load.sh's OCTOKIT=1 rounds: POSTs a fresh meCash ramp.payout.completed per request (its own
-- data.id, so every delivery is a NEW event to ramphook's dedup), signed as GitHub signs, so the same bytes go to
-- both servers: X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>, X-GitHub-Event, X-GitHub-Delivery.
--   wrk -t2 -c32 -d10s -s hmac.lua http://127.0.0.1:8080 -- <path> <secret> <run-nonce>
-- ramphook verifies it at NoopServer's /webhooks/hmac (meCash parsing, HmacSignature.sha256Hex with "sha256="),
-- @octokit/webhooks at /webhooks/github. Prints one machine-readable RESULT line when done.
--
-- wrk's LuaJIT has no HMAC of its own. The body is a fixed prefix of whole 64-byte blocks and a short varying tail:
-- the HMAC state after the key and the prefix is computed once, and each request hashes only its tail. It runs on
-- the cores the JVM servers share (Node uses one, its own): every microsecond here is one the JVM cannot spend on
-- requests, so it is kept low. With OpenSSL through LuaJIT's FFI (libcrypto, which wrk links for https) request()
-- costs 1.8-2.4 us, zbd.lua's 0.6-0.8; without it, SHA-256 in Lua below (two compressions on numbers, 4.3-5.0 us).
-- Before 2026-12-06 (fifth session) it was Lua with strings and tables per compression: 6.8-7.6 us.

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
for i = 1, 64 do
  K[i] = tobit(K[i])
end
local IV = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 }
for i = 1, 8 do
  IV[i] = tobit(IV[i])
end
-- The message schedule of the block being compressed, W[1..16] filled by the caller; 1-based, so that LuaJIT
-- keeps it in the table's array part.
local W = {}
for i = 1, 64 do
  W[i] = 0
end

-- One block (W[1..16]) into the state h1..h8; returns the new state. Eight numbers in and out, no table per call:
-- the per-request path allocates nothing but its strings.
local function compress(h1, h2, h3, h4, h5, h6, h7, h8)
  for i = 17, 64 do
    local w15, w2 = W[i - 15], W[i - 2]
    local s0 = bxor(ror(w15, 7), ror(w15, 18), rshift(w15, 3))
    local s1 = bxor(ror(w2, 17), ror(w2, 19), rshift(w2, 10))
    W[i] = tobit(W[i - 16] + s0 + W[i - 7] + s1)
  end
  local a, b, c, d, e, f, g, h = h1, h2, h3, h4, h5, h6, h7, h8
  for i = 1, 64 do
    local t1 = tobit(h + bxor(ror(e, 6), ror(e, 11), ror(e, 25)) + bxor(band(e, f), band(bnot(e), g)) + K[i] + W[i])
    local t2 = tobit(bxor(ror(a, 2), ror(a, 13), ror(a, 22)) + bxor(band(a, b), band(a, c), band(b, c)))
    h, g, f, e, d, c, b, a = g, f, e, tobit(d + t1), c, b, a, tobit(t1 + t2)
  end
  return tobit(h1 + a), tobit(h2 + b), tobit(h3 + c), tobit(h4 + d),
    tobit(h5 + e), tobit(h6 + f), tobit(h7 + g), tobit(h8 + h)
end

-- The state of a message whose first `done` bytes (a multiple of 64) gave state H (a table of eight) and whose
-- rest is the string `rest`, finished with SHA-256's padding (0x80, zeros, the 64-bit big-endian bit length: below
-- 2^31 for any message here); returns eight numbers.
local function finish(H, done, rest)
  local bits = (done + #rest) * 8
  local s = rest .. "\128" .. string.rep("\0", (55 - #rest) % 64)
    .. string.char(0, 0, 0, 0, band(rshift(bits, 24), 255), band(rshift(bits, 16), 255), band(rshift(bits, 8), 255),
      band(bits, 255))
  local h1, h2, h3, h4, h5, h6, h7, h8 = H[1], H[2], H[3], H[4], H[5], H[6], H[7], H[8]
  for off = 0, #s - 1, 64 do
    for w = 1, 16 do
      local a, b, c, d = s:byte(off + w * 4 - 3, off + w * 4)
      W[w] = bor(lshift(a, 24), lshift(b, 16), lshift(c, 8), d)
    end
    h1, h2, h3, h4, h5, h6, h7, h8 = compress(h1, h2, h3, h4, h5, h6, h7, h8)
  end
  return h1, h2, h3, h4, h5, h6, h7, h8
end

-- The state after whole blocks s (#s a multiple of 64), from state H; a table (set-up only).
local function absorb(H, s)
  local h1, h2, h3, h4, h5, h6, h7, h8 = H[1], H[2], H[3], H[4], H[5], H[6], H[7], H[8]
  for off = 0, #s - 1, 64 do
    for w = 1, 16 do
      local a, b, c, d = s:byte(off + w * 4 - 3, off + w * 4)
      W[w] = bor(lshift(a, 24), lshift(b, 16), lshift(c, 8), d)
    end
    h1, h2, h3, h4, h5, h6, h7, h8 = compress(h1, h2, h3, h4, h5, h6, h7, h8)
  end
  return { h1, h2, h3, h4, h5, h6, h7, h8 }
end

local function bytes(H)
  local out = {}
  for i = 1, 8 do
    local x = H[i]
    out[i] = string.char(band(rshift(x, 24), 255), band(rshift(x, 16), 255), band(rshift(x, 8), 255), band(x, 255))
  end
  return table.concat(out)
end

-- HMAC-SHA256 of prefix .. tail, with the keyed states after the inner pad and prefix (#prefix a multiple of 64)
-- and after the outer pad computed once. Per call: the tail's block(s), then the outer block built from the inner
-- digest's words directly (32 bytes, 0x80, zeros, the length 96 bytes = 768 bits): no strings but the hex.
local function hmac(key, prefix)
  if #key > 64 then
    key = bytes({ finish(IV, 0, key) })
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
    local i1, i2, i3, i4, i5, i6, i7, i8 = finish(inner, done, tail)
    W[1], W[2], W[3], W[4], W[5], W[6], W[7], W[8] = i1, i2, i3, i4, i5, i6, i7, i8
    W[9] = tobit(0x80000000)
    for w = 10, 15 do
      W[w] = 0
    end
    W[16] = (64 + 32) * 8
    local o1, o2, o3, o4, o5, o6, o7, o8 =
      compress(outer[1], outer[2], outer[3], outer[4], outer[5], outer[6], outer[7], outer[8])
    return tohex(o1, 8) .. tohex(o2, 8) .. tohex(o3, 8) .. tohex(o4, 8)
      .. tohex(o5, 8) .. tohex(o6, 8) .. tohex(o7, 8) .. tohex(o8, 8)
  end
end

-- RFC 4231, test case 2: a wrong SHA-256 here would measure 401s, not deliveries.
assert(hmac("Jefe", "")("what do ya want for nothing?")
  == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "HMAC-SHA256 self-test failed")

-- OpenSSL's HMAC through LuaJIT's FFI, when wrk has libcrypto (Debian's is linked with it, for https): the keyed
-- state after the prefix is kept in C as well, and each request copies it and hashes its tail (0.34 us against about
-- 3.5 us for the two compressions in Lua above). The Lua code stays as the fallback and as the reference the C one
-- is checked against in init. Returns a function like hmac's, or nil.
local function openssl_hmac()
  local ok, ffi = pcall(require, "ffi")
  if not ok or not pcall(ffi.cdef, [[
    typedef struct evp_md_st EVP_MD;
    typedef struct hmac_ctx_st HMAC_CTX;
    const EVP_MD *EVP_sha256(void);
    HMAC_CTX *HMAC_CTX_new(void);
    int HMAC_Init_ex(HMAC_CTX *ctx, const void *key, int len, const EVP_MD *md, void *impl);
    int HMAC_Update(HMAC_CTX *ctx, const unsigned char *data, size_t len);
    int HMAC_Final(HMAC_CTX *ctx, unsigned char *md, unsigned int *len);
    int HMAC_CTX_copy(HMAC_CTX *dctx, HMAC_CTX *sctx);
  ]]) then
    return nil
  end
  local function has(lib)
    return pcall(function()
      return lib.EVP_sha256 and lib.HMAC_CTX_new and lib.HMAC_Init_ex and lib.HMAC_Update and lib.HMAC_Final
        and lib.HMAC_CTX_copy
    end)
  end
  local C = ffi.C
  if not has(C) then
    ok, C = pcall(ffi.load, "crypto")
    if not ok or not has(C) then
      return nil
    end
  end
  local md, len, out = ffi.new("unsigned char[32]"), ffi.new("unsigned int[1]"), ffi.new("char[64]")
  local digits = ffi.new("char[16]", "0123456789abcdef")
  return function(key, prefix)
    local keyed, work = C.HMAC_CTX_new(), C.HMAC_CTX_new()
    assert(C.HMAC_Init_ex(keyed, key, #key, C.EVP_sha256(), nil) == 1 and C.HMAC_Update(keyed, prefix, #prefix) == 1)
    return function(tail)
      assert(C.HMAC_CTX_copy(work, keyed) == 1 and C.HMAC_Update(work, tail, #tail) == 1
        and C.HMAC_Final(work, md, len) == 1)
      for i = 0, 31 do
        out[2 * i], out[2 * i + 1] = digits[rshift(md[i], 4)], digits[band(md[i], 15)]
      end
      return ffi.string(out, 64)
    end
  end
end
local c_hmac = openssl_hmac()
if c_hmac then -- the same RFC 4231 case: a C path that disagrees is never used
  assert(c_hmac("Jefe", "")("what do ya want for nothing?")
    == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", "OpenSSL HMAC-SHA256 self-test failed")
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local path, nonce, sign, prefix -- sign(tail): the hex HMAC-SHA256 of prefix .. tail
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
  if c_hmac then
    local in_c, probe = c_hmac(secret, prefix), nonce .. '-check"}}'
    assert(in_c(probe) == sign(probe), "OpenSSL and Lua HMAC-SHA256 disagree")
    sign = in_c
  end
end

function request()
  counter = counter + 1
  local id = string.format("%s-%d-%d", nonce, tid, counter)
  local rest = id .. '"}}'
  headers["X-Hub-Signature-256"] = "sha256=" .. sign(rest)
  headers["X-GitHub-Delivery"] = id
  return wrk.format("POST", path, headers, prefix .. rest)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50.0), latency:percentile(99.0), e.status, e.connect + e.read + e.write + e.timeout))
end
