"""Job arguments as AWS Glue resolves them: getResolvedOptions(sys.argv, ['JOB_NAME', 'source'])."""
import argparse


class GlueArgumentError(Exception):
    """A required option is missing or an argument is malformed (Glue raises rather than exits)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise GlueArgumentError(message)


def getResolvedOptions(args, options):
    """The values of the named options from a job's arguments (sys.argv): each option must be given as
    --name value, or GlueArgumentError is raised; other arguments are ignored."""
    parser = _Parser(add_help=False, allow_abbrev=False)
    for option in options:
        parser.add_argument('--' + option, dest=option, required=True)
    parsed, _unknown = parser.parse_known_args(list(args[1:]))
    return vars(parsed)
