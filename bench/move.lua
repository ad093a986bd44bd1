-- wrk: stage moves back and forth (a <-> b) on one deal per connection. Run with as many threads as
-- connections (each thread's state is one deal); args: <token> <deal id>:<version>:<stage>...
-- (bench/prepare.py makes the deals, bench/deal_states.py reads where they stand).
local n = 0

function setup(thread)
  n = n + 1
  thread:set("slot", n)
end

function init(args)
  local token, state = args[1], args[slot + 1]
  if state == nil then error("more connections than deals") end
  local deal, v, s = state:match("([^:]+):(%d+):(%a+)")
  version, stage = tonumber(v), s
  path = "/api/v1/deals/" .. deal .. "/move"
  headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
end

function request()
  local to = stage == "a" and "b" or "a"
  return wrk.format("POST", path, headers, string.format('{"version":%d,"to":"%s"}', version, to))
end

function response(status)
  -- A move saves the deal once: its version goes up by one.
  if status == 200 then
    version = version + 1
    stage = stage == "a" and "b" or "a"
  end
end
