-- wrk script for bench/bench.py: POST questions to /api/chat as many clients behind one proxy.
-- Each request names one of CLIENTS addresses in X-Forwarded-For (the server trusts one proxy), so the
-- rate limiter counts every request at its default limit, as it does for a site's many visitors, and
-- no client reaches it. Each wrk thread keeps the conversation it was given (its first session id).
local questions = {"what do coders earn?", "how many work in hospitals?", "thanks!", "what about per hour?",
                   "how fast is the field growing?", "what certification do I need?"}
local CLIENTS = 4096
local n, session = 0, nil
local path = os.getenv("WRK_PATH") or "/api/chat"

request = function()
  n = n + 1
  local headers = {["X-Forwarded-For"] = string.format("10.%d.%d.1", math.floor((n % CLIENTS) / 256), n % 256)}
  if path ~= "/api/chat" then
    return wrk.format("GET", path, headers)
  end
  headers["Content-Type"] = "application/json"
  local sid = session and ('"' .. session .. '"') or "null"
  local body = '{"message": "' .. questions[(n % #questions) + 1] .. '", "session_id": ' .. sid .. '}'
  return wrk.format("POST", path, headers, body)
end

response = function(status, headers, body)
  if path == "/api/chat" and not session then
    session = body:match('"session_id":%s*"(%x+)"')
  end
end
