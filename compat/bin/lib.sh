# Shared by compat/bin/run and compat/bin/test: set up everything a fresh
# machine of this kind lacks, reusing what is already there.
# shellcheck shell=bash
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VENV=$ROOT/.venv
TOOLS=$ROOT/.venv-tools
RUN=$ROOT/.run
CONF=$RUN/odoo.conf
PRIVATE_PGDATA=$ROOT/.pgdata
PRIVATE_PGPORT=${MALL_PRIVATE_PGPORT:-54329}
export PGOPTIONS="${PGOPTIONS:-} -c extra_float_digits=0"
export PATH=$ROOT/node_modules/.bin:$PATH
export PYTHONWARNINGS=${PYTHONWARNINGS:-ignore}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

_apt_updated=
apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    say "installing Debian packages: ${missing[*]}"
    if [ -z "$_apt_updated" ]; then
        $sudo apt-get update -qq
        _apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
            command -v "$candidate"
            return
        fi
    done
    apt_install python3.11 python3.11-venv
    command -v python3.11
}

# pip, without the notes about this machine's missing local index folders.
pip_install() { # venv args...
    local venv=$1
    shift
    "$venv/bin/pip" install -q --disable-pip-version-check "$@" 2>&1 |
        { grep -v "^WARNING: Location 'file:" || true; } >&2
    return "${PIPESTATUS[0]}"
}

# A virtual environment is rebuilt only when its requirement files change.
_stamp() { cat "$@" | sha1sum | cut -c1-16; }

ensure_venv() {
    local stamp
    stamp=$(_stamp "$ROOT/requirements.txt" "$ROOT/requirements-oca.txt")
    if [ -f "$VENV/.mall-stamp" ] && [ "$(cat "$VENV/.mall-stamp")" = "$stamp" ] &&
        grep -qxF "$ROOT/compat" "$VENV"/lib/python3*/site-packages/odoo11compat.pth 2>/dev/null; then
        return
    fi
    say "installing the Python environment in .venv"
    [ -x "$VENV/bin/python" ] || "$(find_python)" -m venv "$VENV"
    pip_install "$VENV" pip==24.0 setuptools==69.1.1 wheel==0.42.0
    pip_install "$VENV" --no-deps -r "$ROOT/requirements.txt" -r "$ROOT/requirements-oca.txt"
    # Load the compatibility layer in every interpreter of the environment.
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    printf '%s\nimport odoo11compat.boot\n' "$ROOT/compat" >"$site/odoo11compat.pth"
    "$VENV/bin/python" -c 'import odoo, odoo11compat; assert odoo11compat.APPLIED'
    echo "$stamp" >"$VENV/.mall-stamp"
}

ensure_tools() {
    local stamp
    stamp=$(_stamp "$ROOT/requirements-dev.txt")
    if [ -f "$TOOLS/.mall-stamp" ] && [ "$(cat "$TOOLS/.mall-stamp")" = "$stamp" ]; then
        return
    fi
    say "installing the checkers in .venv-tools"
    [ -x "$TOOLS/bin/python" ] || "$(find_python)" -m venv "$TOOLS"
    pip_install "$TOOLS" -r "$ROOT/requirements-dev.txt"
    echo "$stamp" >"$TOOLS/.mall-stamp"
}

# lessc for the web client's assets (Odoo 11 needs less 2.x) and prettier,
# from npm, as locked in package-lock.json.
ensure_node_tools() {
    local stamp
    stamp=$(_stamp "$ROOT/package-lock.json")
    if [ -f "$ROOT/node_modules/.mall-stamp" ] &&
        [ "$(cat "$ROOT/node_modules/.mall-stamp")" = "$stamp" ]; then
        return
    fi
    command -v npm >/dev/null || apt_install nodejs npm
    say "installing lessc and prettier (npm) into node_modules"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$stamp" >"$ROOT/node_modules/.mall-stamp"
}

ensure_system_packages() {
    local pkgs=()
    command -v wkhtmltopdf >/dev/null || pkgs+=(wkhtmltopdf)
    [ -n "${MALL_NO_BROWSER:-}" ] || command -v chromium >/dev/null || pkgs+=(chromium)
    fc-list 2>/dev/null | grep -qi "noto sans cjk" || pkgs+=(fonts-noto-cjk)
    [ ${#pkgs[@]} -eq 0 ] || apt_install "${pkgs[@]}"
}

# ---- PostgreSQL ---------------------------------------------------------
# Try the server named by PG* variables, then the one in odoo.conf; when
# none answers, run a private cluster in .pgdata.

pg_answers() { # host port user password
    PGCONNECT_TIMEOUT=3 "$VENV/bin/python" - "$@" <<'PY' >/dev/null 2>&1
import sys, psycopg2
host, port, user, password = sys.argv[1:5]
kw = dict(dbname="postgres")
for key, value in (("host", host), ("port", port), ("user", user), ("password", password)):
    if value:
        kw[key] = value
psycopg2.connect(**kw).close()
PY
}

conf_value() { # key: read [options] key from odoo.conf
    "$VENV/bin/python" - "$ROOT/odoo.conf" "$1" <<'PY'
import configparser, sys
parser = configparser.ConfigParser()
parser.read(sys.argv[1])
value = parser.get("options", sys.argv[2], fallback="")
print("" if value in ("False", "None") else value)
PY
}

start_private_cluster() {
    local bindir
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    if [ -z "$bindir" ]; then
        apt_install postgresql
        bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    fi
    local as=()
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
        as=(runuser -u postgres --)
    fi
    mkdir -p "$RUN/pg"
    if [ ! -f "$PRIVATE_PGDATA/PG_VERSION" ]; then
        say "initialising a private PostgreSQL cluster in .pgdata"
        mkdir -p "$PRIVATE_PGDATA"
        [ ${#as[@]} -eq 0 ] || chown postgres "$PRIVATE_PGDATA" "$RUN/pg"
        "${as[@]}" "$bindir/initdb" -D "$PRIVATE_PGDATA" -U "$(id -un)" \
            --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    [ ${#as[@]} -eq 0 ] || chown postgres "$RUN/pg"
    if ! "${as[@]}" "$bindir/pg_ctl" -D "$PRIVATE_PGDATA" status >/dev/null 2>&1; then
        say "starting the private PostgreSQL cluster on 127.0.0.1:$PRIVATE_PGPORT"
        "${as[@]}" "$bindir/pg_ctl" -D "$PRIVATE_PGDATA" -w -l "$RUN/pg/server.log" \
            -o "-p $PRIVATE_PGPORT -k $RUN/pg -c listen_addresses=127.0.0.1" start >/dev/null
    fi
}

ensure_postgres() {
    local host port user password
    if [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ] &&
        pg_answers "${PGHOST:-}" "${PGPORT:-}" "${PGUSER:-}" "${PGPASSWORD:-}"; then
        host=${PGHOST:-} port=${PGPORT:-} user=${PGUSER:-} password=${PGPASSWORD:-}
    else
        host=$(conf_value db_host) port=$(conf_value db_port)
        user=$(conf_value db_user) password=$(conf_value db_password)
        if ! pg_answers "$host" "$port" "$user" "$password"; then
            start_private_cluster
            host=127.0.0.1 port=$PRIVATE_PGPORT user=$(id -un) password=
        fi
    fi
    export MALL_DB_HOST=$host MALL_DB_PORT=$port MALL_DB_USER=$user MALL_DB_PASSWORD=$password
    # For psql/createdb/dropdb and libpq-based tools in the tests.
    [ -z "$host" ] || export PGHOST=$host
    [ -z "$port" ] || export PGPORT=$port
    [ -z "$user" ] || export PGUSER=$user
    [ -z "$password" ] || export PGPASSWORD=$password
}

# .run/odoo.conf: odoo.conf with absolute paths and the database that answered.
write_runtime_conf() { # [extra key=value ...]
    mkdir -p "$RUN/data"
    "$VENV/bin/python" - "$ROOT" "$CONF" "$@" <<'PY'
import configparser, os, sys
root, target, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
parser = configparser.ConfigParser()
parser.read(os.path.join(root, "odoo.conf"))
opts = parser["options"]
opts["addons_path"] = ",".join(
    os.path.join(root, p.strip()) for p in opts.get("addons_path", "addons").split(","))
opts["data_dir"] = os.path.join(root, ".run", "data")
for key in ("host", "port", "user", "password"):
    opts["db_" + key] = os.environ.get("MALL_DB_" + key.upper()) or "False"
for item in extra:
    key, value = item.split("=", 1)
    opts[key] = value
with open(target, "w") as fh:
    parser.write(fh)
PY
}

# The suite: every installable module under addons/.
suite_modules() {
    "$VENV/bin/python" - "$ROOT/addons" <<'PY'
import ast, os, sys
root = sys.argv[1]
names = []
for name in sorted(os.listdir(root)):
    manifest = os.path.join(root, name, "__manifest__.py")
    if os.path.isfile(manifest):
        with open(manifest) as fh:
            if ast.literal_eval(fh.read()).get("installable", True):
                names.append(name)
print(",".join(names))
PY
}

odoo() { "$VENV/bin/python" "$ROOT/compat/bin/odoo-bin" -c "$CONF" "$@"; }

db_exists() {
    "$VENV/bin/python" - "$1" <<'PY'
import os, sys, psycopg2
kw = {k: os.environ["MALL_DB_" + k.upper()] for k in ("host", "port", "user", "password")
      if os.environ.get("MALL_DB_" + k.upper())}
with psycopg2.connect(dbname="postgres", **kw) as conn, conn.cursor() as cr:
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (sys.argv[1],))
    sys.exit(0 if cr.fetchone() else 1)
PY
}

ensure_all() {
    ensure_venv
    ensure_system_packages
    ensure_node_tools
    ensure_postgres
}
