"""The job's bookmark state in Tarn: what the last successful run with --job-bookmark-option
job-bookmark-enable left (get), and the state this run leaves for the next one when it succeeds (put)."""
import json
import os


def get(default=None):
    """The bookmark state (a JSON value) this run starts from, or default when there is none."""
    state = os.environ.get('TARN_GLUE_JOB_BOOKMARK')
    return default if state is None else json.loads(state)


def put(state):
    """Records the state (a JSON-serialisable value) the bookmark advances to when this run succeeds."""
    with open(os.environ['TARN_GLUE_JOB_BOOKMARK_FILE'], 'w') as f:
        json.dump(state, f)
