# Tarn's own awsglue package for Python shell jobs: the parts of AWS Glue's library a Python shell
# script uses without Spark (getResolvedOptions), plus access to the job's bookmark state.
