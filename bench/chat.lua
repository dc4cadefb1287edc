-- wrk script: POST questions to /api/chat, each connection's thread keeping its conversation's session id.
local questions = {"what do coders earn?", "how many work in hospitals?", "thanks!", "what about per hour?",
                   "how fast is the field growing?", "what certification do I need?"}
local n, session = 0, nil

request = function()
  n = n + 1
  local sid = session and ('"' .. session .. '"') or "null"
  local body = '{"message": "' .. questions[(n % #questions) + 1] .. '", "session_id": ' .. sid .. '}'
  return wrk.format("POST", "/api/chat", {["Content-Type"] = "application/json"}, body)
end

response = function(status, headers, body)
  if status ~= 200 then errors_seen = (errors_seen or 0) + 1 end
  session = session or body:match('"session_id":%s*"(%x+)"')
end
