"""What the boto3 check scripts share: a failed expectation ends the script, and an error is expected."""
import sys

from botocore.exceptions import ClientError


def check(condition, message):
    if not condition:
        print("MISMATCH: " + message, file=sys.stderr)
        sys.exit(1)


def error(fn):
    """The response of the ClientError that fn raises; an AssertionError when it raises none."""
    try:
        fn()
    except ClientError as e:
        return e.response
    raise AssertionError("expected an error")
