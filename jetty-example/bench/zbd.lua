-- wrk script for load.sh: POSTs a fresh ZBD RAMP_WIDGET.V1.PAYMENT.SETTLED per request (its own session_id, so
-- every delivery is a NEW event to ramphook's dedup, never the cheaper duplicate path), with the URL token.
--   wrk -t2 -c32 -d10s -s zbd.lua http://127.0.0.1:8080 -- <token> <run-nonce>
-- Prints one machine-readable RESULT line when done.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local path, nonce
local counter = 0
local headers = { ["Content-Type"] = "application/json" }
local template = '{"event":"RAMP_WIDGET.V1.PAYMENT.SETTLED","data":{"email":"user@example.com",'
  .. '"session_id":"sess_%s_%d_%d","base_amount":"100.00","base_currency":"USD","quote_amount":"0.0025",'
  .. '"quote_currency":"BTC","metadata":{"customer_id":"cust_123","source":"widget"}},'
  .. '"url":"https://partner.com/webhooks","created_at":"2025-01-18T11:05:00Z"}'

function init(args)
  path = "/webhooks/zbd?token=" .. (args[1] or "")
  nonce = args[2] or tostring(os.time())
end

function request()
  counter = counter + 1
  return wrk.format("POST", path, headers, string.format(template, nonce, tid, counter))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50.0), latency:percentile(99.0), e.status, e.connect + e.read + e.write + e.timeout))
end
