"""Shared plumbing of the benchmarks: configuration, throwaway databases.

Every benchmark database is named ``cbench_*`` and dropped at the end of the
run (``--keep`` keeps it for a second look).
"""

import configparser
import os
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONF = os.environ.get("COMPLAINT_ODOO_CONF") or os.path.join(
    ROOT, ".local", "odoo.conf"
)
ODOO_SRC = os.environ.get("ODOO_SRC", "/opt/odoo/18.0")
PREFIX = "cbench_"
OUR_ADDONS = "complaint_base,complaint_insurance,complaint_property,complaint_banking"


def read_conf(path=CONF):
    parser = configparser.ConfigParser()
    parser.read(path)
    return parser["options"]


def connect(dbname, conf=CONF):
    import psycopg2

    opts = read_conf(conf)
    return psycopg2.connect(
        dbname=dbname,
        host=opts.get("db_host", "127.0.0.1"),
        port=opts.get("db_port", "5432"),
        user=opts.get("db_user", "odoo"),
        password=opts.get("db_password", ""),
    )


def check_name(db):
    if not db.startswith(PREFIX):
        raise SystemExit(f"benchmark databases are named {PREFIX}*: {db!r}")
    return db


def db_exists(db, conf=CONF):
    conn = connect("postgres", conf)
    with conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db,))
        found = bool(cr.fetchone())
    conn.close()
    return found


def drop_db(db, conf=CONF):
    """Drop a benchmark database (never anything else)."""
    check_name(db)
    conn = connect("postgres", conf)
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid != pg_backend_pid()",
            (db,),
        )
        cr.execute(f'DROP DATABASE IF EXISTS "{db}"')
    conn.close()
    print(f"dropped {db}")


def install(db, modules, conf=CONF, demo=False):
    """Create ``db`` with ``modules`` (no demo data) with odoo-bin."""
    check_name(db)
    args = [
        sys.executable,
        os.path.join(ODOO_SRC, "odoo-bin"),
        "-c",
        conf,
        "-d",
        db,
        "-i",
        modules,
        "--stop-after-init",
        "--log-level=warn",
    ]
    if not demo:
        args.append("--without-demo=all")
    print(f"installing {modules} into {db}...", flush=True)
    subprocess.run(args, check=True)


def peer_addons(requirements, folder):
    """Download the bench-only wheels of ``requirements`` (``--no-deps``)
    and extract their ``odoo/addons/*`` into ``folder``; return it."""
    wheels = os.path.join(folder, "_wheels")
    os.makedirs(wheels, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "-d",
            wheels,
            "-r",
            requirements,
        ],
        check=True,
    )
    for name in sorted(os.listdir(wheels)):
        if not name.endswith(".whl"):
            continue
        with zipfile.ZipFile(os.path.join(wheels, name)) as whl:
            for member in whl.namelist():
                if member.startswith("odoo/addons/") and not member.endswith("/"):
                    target = os.path.join(folder, member[len("odoo/addons/") :])
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with whl.open(member) as src, open(target, "wb") as dst:
                        dst.write(src.read())
    return folder


def bench_conf(extra_addons, path):
    """A copy of the Odoo configuration with ``extra_addons`` on the addons
    path (the product's own configuration is left alone)."""
    parser = configparser.ConfigParser()
    parser.read(CONF)
    opts = parser["options"]
    opts["addons_path"] = f"{opts['addons_path']},{extra_addons}"
    with open(path, "w") as handle:
        parser.write(handle)
    return path
