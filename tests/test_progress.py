"""A load's progress: on a terminal a bar with the total, the rate and the time left; in a log
a line now and then; always the counts of what has landed, never of a batch ahead."""

import dataclasses
import fcntl
import io
import os
import pty
import struct
import subprocess
import termios

from clusterfacts.load import loading
from clusterfacts.config import settings
from clusterfacts.load.loading import FileCounts, load
from clusterfacts.load.progress import ProgressBar, ProgressLines, progress_for
from conftest import ARTICLES, BIN


def copies_of_the_sample(folder, times: int):
    folder.mkdir()
    for copy in range(times):
        for article in sorted(ARTICLES.iterdir()):
            text = article.read_text(encoding="utf-8")
            (folder / f"{copy}_{article.name}").write_text(f"{text}\nCopy {copy}.\n", encoding="utf-8")
    return folder


def test_the_loader_reports_each_batch_after_it_lands_and_once_at_the_end(tmp_path, monkeypatch):
    folder = copies_of_the_sample(tmp_path / "articles", 1)
    monkeypatch.setattr(loading, "settings", lambda: dataclasses.replace(settings(), batch_files=2))
    seen = []
    summary = load([str(folder)], tmp_path / "w.duckdb", progress=lambda counts: seen.append(counts.seen),
                   validate=False)
    assert seen == [2, 4, 5] and summary.seen == 5


def test_the_bar_shows_the_total_the_rate_and_the_counts(tmp_path):
    folder = copies_of_the_sample(tmp_path / "articles", 2)
    stream = io.StringIO()
    bar = ProgressBar([str(folder)], stream)
    bar.counting.join()
    bar(FileCounts(seen=4, loaded=3, unchanged=1))
    bar(FileCounts(seen=10, loaded=8, unchanged=1, rejected=1))
    bar.close()
    last = stream.getvalue().split("\r")[-1]
    assert "100%" in last and "10/10" in last and "files/s" in last
    assert "loaded 8, unchanged 1, rejected 1" in last


def test_a_log_gets_a_line_with_the_rate_and_a_short_run_none():
    stream = io.StringIO()
    ProgressLines(stream)(FileCounts(seen=5, loaded=5))
    assert stream.getvalue() == ""
    lines = ProgressLines(stream, every=0)
    lines(FileCounts(seen=5, loaded=5, facts=92))
    assert stream.getvalue().startswith("clusterfacts load: files seen 5: loaded 5, unchanged 0, rejected 0; facts loaded 92 (")
    assert stream.getvalue().endswith(" files/s)\n")


def test_quiet_and_a_log_get_no_bar(tmp_path):
    assert progress_for([str(ARTICLES)], quiet=True) is None
    assert isinstance(progress_for([str(ARTICLES)], quiet=False, stream=io.StringIO()), ProgressLines)


def test_load_on_a_terminal_draws_the_bar_and_in_a_pipe_does_not(tmp_path):
    folder = copies_of_the_sample(tmp_path / "articles", 4)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 0, 0, 0, 0))  # a pty that reports no size
    command = [str(BIN / "clusterfacts"), "load", str(folder), "--skip-validation", "--workers", "1"]
    on_terminal = subprocess.Popen([*command, "--database", str(tmp_path / "a.duckdb")], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    drawn = b""
    while True:  # read while it draws, so that a full terminal buffer never stops it
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the process has ended and the terminal is closed
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    on_terminal.wait()
    assert on_terminal.returncode == 0
    assert "100%" in drawn.decode() and "20/20" in drawn.decode() and "files/s" in drawn.decode()

    in_pipe = subprocess.run([*command, "--database", str(tmp_path / "b.duckdb")], capture_output=True, text=True)
    assert in_pipe.returncode == 0 and in_pipe.stderr == "" and "\r" not in in_pipe.stdout
