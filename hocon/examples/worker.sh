#!/bin/sh
# The example worker of apps.conf: takes "--queue NAME", works a little every few seconds, and exits 3
# ("nothing to do", a success for that app) when PBM_WORKER_ONCE is set.
queue=default
while [ $# -gt 0 ]; do
  case "$1" in
    --queue) queue="$2"; shift 2 ;;
    *) shift ;;
  esac
done
echo "worker: waiting on queue $queue"
if [ -n "$PBM_WORKER_ONCE" ]; then exit 3; fi
while true; do
  sleep 5
  echo "worker: queue $queue is empty"
done
