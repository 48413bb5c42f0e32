-- The units of a province whose organisation code starts with the prefix. Their positions are read after this in
-- chunks, so Redis is never held for the whole province at once.
-- KEYS: 1 org hash
-- ARGV: 1 organisation code prefix
-- Returns the unit ids.
local orgs = redis.call('HGETALL', KEYS[1])
local prefix = ARGV[1]
local found = {}
for i = 1, #orgs, 2 do
  if string.sub(orgs[i + 1], 1, #prefix) == prefix then
    found[#found + 1] = orgs[i]
  end
end
return found
