#!/usr/bin/env bash
# A real Matrix homeserver for the end-to-end tests (npm run test:synapse), on loopback only.
#
# Debian bookworm has no Synapse package; Debian sid has matrix-synapse. This script builds a sid
# root with debootstrap in .synapse/root (gitignored, reused once built), installs matrix-synapse
# there, writes a loopback-only configuration (127.0.0.1:8008, SQLite, registration by shared
# secret only, Synapse's default rate limits, no federation), runs it with a plain chroot (/proc
# mounted while it runs, unmounted on stop), registers the test users and logs each of them in
# ONCE: their access tokens are kept in .synapse/users.json and reused (Synapse answers 429 to
# repeated logins).
#
#   scripts/synapse-local.sh build     build the sid root (skipped when already built)
#   scripts/synapse-local.sh start     write the config if missing, start Synapse, wait until it answers
#   scripts/synapse-local.sh register  register the test users (idempotent), write .synapse/users.json
#   scripts/synapse-local.sh up        build + start + register
#   scripts/synapse-local.sh stop      stop Synapse cleanly and unmount /proc
#   scripts/synapse-local.sh reset     stop, then forget the homeserver's data (the root is kept)
#   scripts/synapse-local.sh status    running or not, root built or not
#   scripts/synapse-local.sh can-build exit 0 when this host can build the root (root, debootstrap, mirror)
#
# Needs root (debootstrap, chroot, mount). Network: the Debian mirror only, at build time.
# Environment: SYNAPSE_LOCAL_DIR (default <project>/.synapse), SYNAPSE_PORT (8008),
# SYNAPSE_DEBIAN_MIRROR (http://deb.debian.org/debian).
set -euo pipefail

PROJECT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BASE=${SYNAPSE_LOCAL_DIR:-$PROJECT/.synapse}
ROOTFS=$BASE/root
MIRROR=${SYNAPSE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
PORT=${SYNAPSE_PORT:-8008}
SERVER_NAME=localhost
URL=http://127.0.0.1:$PORT
DATA_IN=/var/lib/charte-ia-synapse # inside the root
DATA=$ROOTFS$DATA_IN
MARKER=$ROOTFS/.charte-ia-synapse-built
USERS_JSON=$BASE/users.json
# localpart:display name. The bot, an agent, an ambassador, and a user the bot must not talk to.
USERS=("assistant-ia:Assistant IA" "agent:Alice Agent" "ambassadeur:Camille Ambassadeur" "intrus:Intrus")

log() { printf 'synapse-local: %s\n' "$*" >&2; }
die() {
  log "$*"
  exit 1
}
need_root() { [ "$(id -u)" = 0 ] || die "must run as root (debootstrap, chroot and mount need it)"; }
in_root() { chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root "$@"; }
apt_root() { in_root DEBIAN_FRONTEND=noninteractive apt-get -o Acquire::Check-Valid-Until=false -o APT::Install-Recommends=false -o Dpkg::Use-Pty=0 "$@"; }

mount_proc() {
  mountpoint -q "$ROOTFS/proc" || mount -t proc proc "$ROOTFS/proc"
}
umount_proc() {
  if mountpoint -q "$ROOTFS/proc"; then umount "$ROOTFS/proc" || umount -l "$ROOTFS/proc"; fi
}

built() { [ -f "$MARKER" ]; }

can_build() {
  [ "$(id -u)" = 0 ] || {
    echo "not root"
    return 1
  }
  command -v chroot >/dev/null || {
    echo "no chroot command"
    return 1
  }
  if built; then return 0; fi
  command -v debootstrap >/dev/null || {
    echo "debootstrap is not installed (apt-get install debootstrap)"
    return 1
  }
  curl -fsS -o /dev/null --max-time 20 "$MIRROR/dists/sid/Release" || {
    echo "Debian mirror $MIRROR unreachable"
    return 1
  }
}

cmd_build() {
  need_root
  if built; then
    log "sid root already built ($(cat "$MARKER")), reused: $ROOTFS"
    return 0
  fi
  command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
  local t0=$SECONDS
  mkdir -p "$BASE"
  if [ ! -x "$ROOTFS/usr/bin/apt-get" ]; then
    rm -rf "$ROOTFS"
    log "debootstrap sid into $ROOTFS from $MIRROR"
    debootstrap --variant=minbase --keyring=/usr/share/keyrings/debian-archive-keyring.gpg sid "$ROOTFS" "$MIRROR" >"$BASE/debootstrap.log" 2>&1 ||
      die "debootstrap failed, see $BASE/debootstrap.log"
  fi
  trap umount_proc EXIT
  mount_proc
  # sid's Release files carry a validity date; the mirror may be a frozen snapshot.
  printf 'Acquire::Check-Valid-Until "false";\nAPT::Install-Recommends "false";\n' >"$ROOTFS/etc/apt/apt.conf.d/99charte-ia"
  echo "deb $MIRROR sid main" >"$ROOTFS/etc/apt/sources.list"
  # No service may start inside the root during installation.
  printf '#!/bin/sh\nexit 101\n' >"$ROOTFS/usr/sbin/policy-rc.d"
  chmod 755 "$ROOTFS/usr/sbin/policy-rc.d"
  cp -L /etc/resolv.conf "$ROOTFS/etc/resolv.conf" 2>/dev/null || true
  printf '%s\n' "matrix-synapse matrix-synapse/server-name string $SERVER_NAME" "matrix-synapse matrix-synapse/report-stats boolean false" |
    in_root debconf-set-selections
  log "installing matrix-synapse (apt, sid)"
  apt_root update >"$BASE/apt.log" 2>&1 || die "apt-get update failed in the root, see $BASE/apt.log"
  apt_root install -y matrix-synapse >>"$BASE/apt.log" 2>&1 || die "installing matrix-synapse failed, see $BASE/apt.log"
  apt_root clean >>"$BASE/apt.log" 2>&1 || true
  umount_proc
  trap - EXIT
  local version
  version=$(in_root dpkg-query -W -f '${Version}' matrix-synapse)
  echo "matrix-synapse $version, built $(date -u +%FT%TZ) in $((SECONDS - t0)) s" >"$MARKER"
  log "sid root built in $((SECONDS - t0)) s: matrix-synapse $version"
}

random_secret() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n'; }

write_config() {
  [ -f "$DATA/homeserver.yaml" ] && return 0
  mkdir -p "$DATA/media"
  cat >"$DATA/homeserver.yaml" <<EOF
# Written by scripts/synapse-local.sh: a throw-away homeserver for the end-to-end tests.
server_name: "$SERVER_NAME"
public_baseurl: "$URL/"
pid_file: $DATA_IN/homeserver.pid
listeners:
  - port: $PORT
    bind_addresses: ['127.0.0.1']
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
database:
  name: sqlite3
  args:
    database: $DATA_IN/homeserver.db
log_config: $DATA_IN/log.yaml
media_store_path: $DATA_IN/media
signing_key_path: $DATA_IN/signing.key
enable_registration: false
registration_shared_secret: "$(random_secret)"
macaroon_secret_key: "$(random_secret)"
form_secret: "$(random_secret)"
report_stats: false
# Nothing leaves the machine: no federation, no key servers, no URL previews, no metrics.
federation_domain_whitelist: []
trusted_key_servers: []
suppress_key_server_warning: true
url_preview_enabled: false
enable_metrics: false
# Rate limits: Synapse's defaults (nothing configured here on purpose).
EOF
  cat >"$DATA/log.yaml" <<EOF
version: 1
formatters:
  precise:
    format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(request)s - %(message)s'
handlers:
  file:
    class: logging.FileHandler
    formatter: precise
    filename: $DATA_IN/homeserver.log
    encoding: utf8
loggers:
  synapse.storage.SQL:
    level: WARNING
root:
  level: INFO
  handlers: [file]
disable_existing_loggers: false
EOF
  in_root chown -R matrix-synapse: "$DATA_IN"
  in_root runuser -u matrix-synapse -- python3 -m synapse.app.homeserver --config-path "$DATA_IN/homeserver.yaml" --generate-keys >/dev/null
}

pid() {
  local p
  p=$(cat "$DATA/homeserver.pid" 2>/dev/null || true)
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then echo "$p"; fi
}

answers() { curl -fs -o /dev/null --max-time 2 "$URL/_matrix/client/versions"; }

cmd_start() {
  need_root
  built || die "the sid root is not built: run scripts/synapse-local.sh build"
  if [ -n "$(pid)" ] && answers; then
    log "already running (pid $(pid)) on $URL"
    return 0
  fi
  if answers; then die "something else already answers on $URL"; fi
  write_config
  mount_proc
  local t0 now
  t0=$(date +%s%N)
  # Synapse daemonizes itself (pid file in its data folder); only loopback is bound.
  chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
    /usr/sbin/runuser -u matrix-synapse -- python3 -m synapse.app.homeserver --config-path "$DATA_IN/homeserver.yaml" --daemonize \
    >"$BASE/start.log" 2>&1 || {
    umount_proc
    die "Synapse did not start, see $BASE/start.log and $DATA/homeserver.log"
  }
  for _ in $(seq 1 600); do
    if answers; then
      now=$(date +%s%N)
      log "Synapse $(cat "$MARKER" | cut -d, -f1 | cut -d' ' -f2) up on $URL in $(((now - t0) / 1000000)) ms (pid $(pid))"
      return 0
    fi
    sleep 0.1
  done
  cmd_stop
  die "Synapse did not answer on $URL within 60 s, see $DATA/homeserver.log"
}

cmd_stop() {
  local p
  p=$(pid)
  if [ -n "$p" ]; then
    kill -TERM "$p"
    for _ in $(seq 1 200); do
      kill -0 "$p" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$p" 2>/dev/null; then
      log "Synapse (pid $p) did not stop within 20 s: killed"
      kill -KILL "$p" || true
    else
      log "Synapse stopped"
    fi
  fi
  [ -d "$ROOTFS/proc" ] && umount_proc
  return 0
}

# Registers each test user with the shared secret (Debian's synapse_register_new_matrix_user),
# then logs each one in once and keeps the token while it stays valid (checked with whoami).
cmd_register() {
  need_root
  answers || die "Synapse is not running: scripts/synapse-local.sh start"
  local secret
  secret=$(sed -n 's/^registration_shared_secret: "\(.*\)"$/\1/p' "$DATA/homeserver.yaml")
  mkdir -p "$DATA/passwords"
  chmod 700 "$DATA/passwords"
  local entry name password out
  for entry in "${USERS[@]}"; do
    name=${entry%%:*}
    [ -f "$DATA/passwords/$name" ] || random_secret >"$DATA/passwords/$name"
    password=$(cat "$DATA/passwords/$name")
    if ! out=$(in_root synapse_register_new_matrix_user -u "$name" -p "$password" --no-admin -k "$secret" "$URL" 2>&1); then
      grep -q 'User ID already taken' <<<"$out" || die "registering $name failed: $out"
    fi
  done
  local users=""
  for entry in "${USERS[@]}"; do users+="${entry}"$'\n'; done
  # Tokens: reuse those of users.json that still work; log in (once) only the others, waiting out 429s.
  USERS_LIST=$users PASSWORDS_DIR=$DATA_IN/passwords HS=$URL SERVER=$SERVER_NAME OLD="$(cat "$USERS_JSON" 2>/dev/null || echo '{}')" \
    chroot "$ROOTFS" python3 - >"$USERS_JSON.tmp" <<'PY'
import json, os, time, urllib.request, urllib.error

hs, server = os.environ["HS"], os.environ["SERVER"]
try:
    old = json.loads(os.environ.get("OLD") or "{}").get("users", {})
except ValueError:
    old = {}

def call(method, path, body=None, token=None):
    req = urllib.request.Request(hs + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)

users = {}
for line in os.environ["USERS_LIST"].splitlines():
    if not line:
        continue
    name, display = line.split(":", 1)
    user_id = f"@{name}:{server}"
    known = old.get(name)
    if known and call("GET", "/_matrix/client/v3/account/whoami", token=known["accessToken"])[1].get("user_id") == user_id:
        users[name] = known
        continue
    password = open(os.path.join(os.environ["PASSWORDS_DIR"], name)).read().strip()
    while True:
        status, body = call("POST", "/_matrix/client/v3/login", {"type": "m.login.password", "identifier": {"type": "m.id.user", "user": name}, "password": password, "initial_device_display_name": "charte-ia tests"})
        if status == 429:
            time.sleep(body.get("retry_after_ms", 1000) / 1000 + 0.1)
            continue
        if status != 200:
            raise SystemExit(f"login of {name} failed: {status} {body}")
        break
    token = body["access_token"]
    call("PUT", f"/_matrix/client/v3/profile/{user_id}/displayname", {"displayname": display}, token)
    users[name] = {"userId": user_id, "accessToken": token, "deviceId": body["device_id"], "displayName": display}
print(json.dumps({"homeserverUrl": hs, "serverName": server, "users": users}, indent=2))
PY
  mv "$USERS_JSON.tmp" "$USERS_JSON"
  chmod 600 "$USERS_JSON"
  log "test users ready: $USERS_JSON"
}

cmd_reset() {
  cmd_stop
  rm -rf "$DATA" "$USERS_JSON"
  log "homeserver data removed (the sid root is kept)"
}

cmd_status() {
  if built; then echo "root: $(cat "$MARKER")"; else echo "root: not built ($ROOTFS)"; fi
  if [ -n "$(pid)" ]; then echo "synapse: running, pid $(pid), $URL"; else echo "synapse: stopped"; fi
}

case "${1:-}" in
  build) cmd_build ;;
  start) cmd_start ;;
  register) cmd_register ;;
  up)
    cmd_build
    cmd_start
    cmd_register
    ;;
  stop) cmd_stop ;;
  reset) cmd_reset ;;
  status) cmd_status ;;
  can-build) can_build ;;
  *)
    sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
