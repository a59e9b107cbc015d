"""KMS and STS flows through boto3 against a running Tarn: python3 kms_sts_boto3.py http://127.0.0.1:4566"""
import json
import sys
import urllib.request

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
kms = session.client("kms", endpoint_url=endpoint)
sts = session.client("sts", endpoint_url=endpoint)


def error_code(fn):
    try:
        fn()
    except ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError("expected an error")


def admin(path, body):
    req = urllib.request.Request(endpoint + path, data=json.dumps(body).encode(), method="POST")
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)


assert sts.get_caller_identity()["Account"] == "000000000000"

key = kms.create_key(Description="boto3 key", Tags=[{"TagKey": "team", "TagValue": "data"}])["KeyMetadata"]
key_id = key["KeyId"]
assert key["KeyState"] == "Enabled" and key["KeySpec"] == "SYMMETRIC_DEFAULT"
kms.create_alias(AliasName="alias/boto3-app", TargetKeyId=key_id)
assert any(a["AliasName"] == "alias/boto3-app" for a in kms.list_aliases()["Aliases"])

ctx = {"purpose": "test"}
blob = kms.encrypt(KeyId="alias/boto3-app", Plaintext=b"secret", EncryptionContext=ctx)["CiphertextBlob"]
out = kms.decrypt(CiphertextBlob=blob, EncryptionContext=ctx)
assert out["Plaintext"] == b"secret" and out["KeyId"] == key["Arn"]
assert error_code(lambda: kms.decrypt(CiphertextBlob=blob, EncryptionContext={"purpose": "other"})) == "InvalidCiphertextException"

dk = kms.generate_data_key(KeyId=key_id, KeySpec="AES_256")
assert len(dk["Plaintext"]) == 32
assert kms.decrypt(CiphertextBlob=dk["CiphertextBlob"])["Plaintext"] == dk["Plaintext"]

signer = kms.create_key(KeyUsage="SIGN_VERIFY", KeySpec="ECC_NIST_P256")["KeyMetadata"]["KeyId"]
sig = kms.sign(KeyId=signer, Message=b"msg", SigningAlgorithm="ECDSA_SHA_256")["Signature"]
assert kms.verify(KeyId=signer, Message=b"msg", Signature=sig, SigningAlgorithm="ECDSA_SHA_256")["SignatureValid"]
assert error_code(lambda: kms.verify(KeyId=signer, Message=b"other", Signature=sig,
                                     SigningAlgorithm="ECDSA_SHA_256")) == "KMSInvalidSignatureException"

kms.disable_key(KeyId=key_id)
assert error_code(lambda: kms.encrypt(KeyId=key_id, Plaintext=b"x")) == "DisabledException"
kms.enable_key(KeyId=key_id)

deletion = kms.schedule_key_deletion(KeyId=key_id, PendingWindowInDays=7)
assert deletion["KeyState"] == "PendingDeletion"
assert error_code(lambda: kms.encrypt(KeyId=key_id, Plaintext=b"x")) == "KMSInvalidStateException"
admin("/_tarn/clock", {"advance": "P8D"})
assert error_code(lambda: kms.describe_key(KeyId=key_id)) == "NotFoundException"

assert error_code(lambda: kms.create_custom_key_store(CustomKeyStoreName="x", CloudHsmClusterId="cluster-1234567890a",
                                                       TrustAnchorCertificate="x" * 10,
                                                       KeyStorePassword="password1")) == "UnsupportedOperationException"
print("boto3 KMS/STS flows: OK")
