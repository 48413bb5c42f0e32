#!/bin/sh
# Sentinel beside each Redis: three of them, a quorum of two elects a new master when the master is lost.
set -eu
. /scripts/master.sh
# Sentinel rewrites its configuration file, so it lives in a writable emptyDir.
cat > /run/sentinel/sentinel.conf <<CONF
port 26379
requirepass $REDIS_PASSWORD
sentinel resolve-hostnames yes
sentinel announce-hostnames yes
sentinel announce-ip $self
sentinel monitor fangkong $master 6379 2
sentinel auth-pass fangkong $REDIS_PASSWORD
sentinel sentinel-pass $REDIS_PASSWORD
sentinel down-after-milliseconds fangkong 5000
sentinel failover-timeout fangkong 60000
sentinel parallel-syncs fangkong 1
CONF
exec redis-sentinel /run/sentinel/sentinel.conf
