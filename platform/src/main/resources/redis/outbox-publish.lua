-- Appends outbox events to one stream, each at most once: the event id is recorded with SET NX (and an expiry) in
-- the same script, so a relay that repeats a batch after a crash (appended, not yet deleted) appends nothing twice.
-- KEYS: 1 the stream, 2.. one "published" marker per event, in order
-- ARGV: 1 marker expiry in seconds, 2.. the serialised events, in the same order
-- Returns how many events were appended.
local appended = 0
for i = 2, #KEYS do
  if redis.call('SET', KEYS[i], '1', 'NX', 'EX', ARGV[1]) then
    redis.call('XADD', KEYS[1], '*', 'event', ARGV[i])
    appended = appended + 1
  end
end
return appended
