import subprocess, shutil, pathlib, sys, os
def run(impl, tmp):
    shutil.copy("test_calendar_utils.py", tmp)
    (pathlib.Path(tmp) / "calendar_utils.py").write_text(impl)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", tmp], cwd=tmp).returncode
def test_passes_on_correct(tmp_path):
    assert run(open("calendar_utils.py").read(), tmp_path) == 0
def test_fails_on_wrong(tmp_path):
    assert run("def is_leap(year):\n    return year % 4 == 0\n", tmp_path) != 0
