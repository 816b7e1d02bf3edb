"""Set up the JupyterLab of this environment for the d2lmini notebooks.

`make lab` runs this before starting JupyterLab; without make run it yourself with the
environment's Python (see README).  The settings are written inside the environment
(``sys.prefix``), not in your home folder; the trust marks go where ``jupyter trust`` keeps
them (Jupyter's data folder).  Safe to rerun.

1. Widget state is saved with the notebook (the ``saveState`` setting of the ipywidgets
   JupyterLab manager), so a saved notebook reopens without "Error displaying widget".
2. Jupytext pairing works when JupyterLab's root is ``notebooks/``: the repository's
   ``jupytext.toml`` is one level above that root, where the server does not look, so its
   settings are copied into the environment's server configuration
   (``etc/jupyter/jupyter_server_config.json``).
3. The repository's notebooks are marked trusted (what ``jupyter trust`` does), so their
   saved HTML outputs are shown as they are.

    .venv/bin/python scripts/setup_lab.py            # macOS / Linux
    .venv\\Scripts\\python scripts\\setup_lab.py        # Windows
"""
import json
import sys
from pathlib import Path

try:
    import tomllib
except ImportError:            # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
WIDGETS_PLUGIN = '@jupyter-widgets/jupyterlab-manager:plugin'


def update_json(path, section, values):
    """Merge ``values`` into ``path[section]`` and keep every other setting in the file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.loads(path.read_text(encoding='utf-8')) if path.exists() else {}
    data.setdefault(section, {}).update(values)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + '\n', encoding='utf-8')
    return path


def save_widget_state():
    from jupyterlab.commands import get_app_dir
    overrides = Path(get_app_dir()) / 'settings' / 'overrides.json'
    return update_json(overrides, WIDGETS_PLUGIN, {'saveState': True})


def pair_with_jupytext(config_file=ROOT / 'jupytext.toml'):
    settings = tomllib.loads(config_file.read_text(encoding='utf-8'))
    server_config = Path(sys.prefix) / 'etc' / 'jupyter' / 'jupyter_server_config.json'
    return update_json(server_config, 'ContentsManager', settings)


def trust(notebooks):
    import nbformat
    from nbformat.sign import NotebookNotary
    notary = NotebookNotary()
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        if not notary.check_signature(notebook):
            notary.sign(notebook)
    return notary.db_file


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else ROOT / 'notebooks'
    notebooks = sorted(folder.glob('*.ipynb'))
    print(f'widget state saved with notebooks: {save_widget_state()}')
    print(f'jupytext pairing for JupyterLab:   {pair_with_jupytext()}')
    print(f'{len(notebooks)} notebooks trusted:       {trust(notebooks)}')


if __name__ == '__main__':
    main()
