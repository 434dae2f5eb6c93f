-- wrk script: report.lua, and every request from another client address (X-Forwarded-For,
-- 10.0.0.1 on), as devices behind the proxy come: a page rate limited per address would answer
-- one address 429 within seconds.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "report.lua")

local number = 0

function request()
  number = number + 1
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["X-Forwarded-For"] = string.format(
    "10.%d.%d.%d", math.floor(number / 65536) % 256, math.floor(number / 256) % 256, number % 256)
  return wrk.format(nil, nil, headers)
end
