#!/usr/bin/env bash
# Starts RabbitMQ and PostgreSQL on this machine if they are not answering, then waits for both.
# Fails (exit 1) when either does not come up: the service test suites must not be skipped in CI.
set -uo pipefail

wait_port() { # name port seconds
  for _ in $(seq 1 "$3"); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then echo "$1 is up on :$2"; return 0; fi
    sleep 1
  done
  echo "$1 did not come up on :$2" >&2; return 1
}

if ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
fi
if ! (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; then
  echo "starting RabbitMQ"
  rabbitmq-server -detached || true
fi
wait_port PostgreSQL 5432 60 || exit 1
wait_port RabbitMQ 5672 120 || exit 1
# The AMQP port opens before the broker accepts logins; wait until it is fully booted.
if command -v rabbitmqctl >/dev/null 2>&1; then
  timeout 120 rabbitmqctl await_startup >/dev/null 2>&1 || { echo "RabbitMQ did not finish starting" >&2; exit 1; }
fi
echo "services ready"
