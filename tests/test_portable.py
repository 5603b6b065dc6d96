"""Windows and macOS as well as Linux: nothing POSIX-only on the way of a build, the cache
in the system's own cache folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from briefing import cache
from tests.conftest import ROOT, pdf_text

# Modules Windows does not have, that the standard library, our code or our dependencies
# could reach for (locks, user and group lookups, terminals, resource limits).
POSIX_ONLY = ("fcntl", "pwd", "grp", "termios", "resource", "posix_ipc", "pty", "tty")

WITHOUT_POSIX = f"""
import sys
for name in {POSIX_ONLY!r}:
    sys.modules[name] = None  # "import fcntl" now raises ImportError, as on Windows
from briefing.cli import main
code = main(sys.argv[1:])
assert all(sys.modules.get(name) is None for name in {POSIX_ONLY!r})
sys.exit(code)
"""


def briefing_without_posix(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WITHOUT_POSIX, *args], env=env,
                          capture_output=True, text=True, timeout=300)


def it_builds_with_the_posix_only_modules_unavailable(make_briefing, tmp_path: Path) -> None:
    folder, out = make_briefing(), tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    run = briefing_without_posix("build", str(folder), "-o", str(out), env=env)
    assert run.returncode == 0, run.stderr
    assert "测试区全年新签约项目" in "".join(pdf_text(out / "mini.pdf")).replace("\n", "")
    import docx
    assert docx.Document(str(out / "mini.docx")).paragraphs
    # the lock is taken and given back: the second run finds everything up to date
    again = briefing_without_posix("build", str(folder), "-o", str(out), env=env)
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("up to date") == 2


def it_keeps_its_cache_in_the_user_cache_folder(tmp_path: Path, monkeypatch) -> None:
    from platformdirs import user_cache_dir

    monkeypatch.delenv("BRIEFING_CACHE_DIR")
    assert cache.cache_dir() == Path(user_cache_dir("briefing", appauthor=False))
    if sys.platform.startswith("linux"):  # the XDG rule platformdirs follows on Linux
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert cache.cache_dir() == tmp_path / "xdg" / "briefing"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"


def it_runs_a_batch_under_the_spawn_start_method(tmp_path: Path) -> None:
    """Windows and macOS start worker processes afresh (spawn) instead of forking: the
    workers get nothing from the parent but their arguments."""
    from tests.test_batch import DELEGATIONS

    script = ("import multiprocessing, runpy, sys\n"
              "multiprocessing.set_start_method('spawn')\n"
              "sys.argv[0] = 'briefing'\n"
              "runpy.run_module('briefing', run_name='__main__', alter_sys=True)\n")
    delegations = tmp_path / "two.yaml"
    text = DELEGATIONS.read_text("utf-8")  # its first two delegations
    text = text[:text.index("  - id: henan-provincial-team")]
    delegations.write_text(text.replace("briefing: xicheng-2023",
                                        f"briefing: {ROOT / 'content' / 'xicheng-2023'}"),
                           "utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    run = subprocess.run([sys.executable, "-c", script, "batch", str(delegations),
                          "-o", str(tmp_path / "out"), "--jobs", "2", "--format", "pdf"],
                         env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "2 built, 0 failed" in run.stdout
    assert "Rhine Valley" in "".join(pdf_text(tmp_path / "out" /
                                              "xicheng-2023--rhine-food-de.pdf"))


def it_finds_the_themes_of_a_source_tree_that_is_not_installed(make_briefing) -> None:
    """PYTHONPATH=src without `pip install`: no setuptools mapping of styles/ and fonts/,
    so the checkout's own folders are used."""
    import sysconfig
    script = ("import sys\n"
              f"sys.path[:0] = [{str(ROOT / 'src')!r}, {sysconfig.get_path('purelib')!r}]\n"
              "from briefing.cli import main\n"
              "sys.exit(main(sys.argv[1:]))\n")
    # -S: no site module, so no .pth file installs the editable finder of this checkout
    done = subprocess.run([sys.executable, "-S", "-c", script, "check", str(make_briefing()),
                           "--theme", "gov"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "OK" in done.stdout
