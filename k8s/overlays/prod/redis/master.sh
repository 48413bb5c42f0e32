#!/bin/sh
# Sourced by redis.sh and sentinel.sh: sets $self (this pod's name) and $master (the master the sentinels name; in a
# new set, redis-0).
self="$(hostname).redis-headless"
master=""
for peer in redis-0 redis-1 redis-2; do
  master=$(redis-cli -h "$peer.redis-headless" -p 26379 -a "$REDIS_PASSWORD" --no-auth-warning \
    sentinel get-master-addr-by-name fangkong 2>/dev/null | head -n 1) || true
  [ -n "$master" ] && break
done
[ -n "$master" ] || master="redis-0.redis-headless"
