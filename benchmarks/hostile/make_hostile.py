#!/usr/bin/env python3
"""Makes the worst hostile file of each class that polycert bounds (docs/limits.md), for
benchmarks/hostile/run.sh: each file is as costly as a stranger can make it, either just over
a limit (it must be refused at once) or just inside every limit (it must still be read fast).

The RSA "keys" here are random odd numbers of the given size and the signatures random bytes:
a signature check costs the same whether the key is real or not, and no key of 16384 bits
needs to be generated. Run: make_hostile.py OUT_DIR
"""
import base64
import os
import secrets
import sys


def tlv(tag, content):
    n = len(content)
    if n < 0x80:
        head = bytes([n])
    else:
        size = n.to_bytes((n.bit_length() + 7) // 8, 'big')
        head = bytes([0x80 | len(size)]) + size
    return bytes([tag]) + head + content


def seq(*items):
    return tlv(0x30, b''.join(items))


def integer(value):
    return tlv(0x02, value.to_bytes(value.bit_length() // 8 + 1, 'big'))


SHA256_RSA = seq(tlv(0x06, bytes.fromhex('2a864886f70d01010b')), tlv(0x05, b''))
RSA_ENCRYPTION = seq(tlv(0x06, bytes.fromhex('2a864886f70d010101')), tlv(0x05, b''))


def name(common_name):
    atv = seq(tlv(0x06, bytes.fromhex('550403')), tlv(0x0C, common_name.encode()))
    return seq(tlv(0x31, atv))


def random_odd(bits):
    return secrets.randbits(bits) | (1 << (bits - 1)) | 1


def self_signed(common_name, modulus_bits, exponent):
    """A v1 self-signed certificate of a random RSA 'key'; its signature never verifies."""
    spki = seq(RSA_ENCRYPTION, tlv(0x03, b'\x00' + seq(integer(random_odd(modulus_bits)),
                                                        integer(exponent))))
    validity = seq(tlv(0x17, b'250101000000Z'), tlv(0x17, b'350101000000Z'))
    tbs = seq(integer(secrets.randbits(63) | 1), SHA256_RSA, name(common_name), validity,
              name(common_name), spki)
    signature = secrets.token_bytes(modulus_bits // 8)
    signature = bytes([signature[0] & 0x7F]) + signature[1:]  # below the modulus
    return seq(tbs, SHA256_RSA, tlv(0x03, b'\x00' + signature))


def crl(entries):
    """A v2 CRL of a random issuer listing `entries` 20-octet serials, the most the 4 MiB input
    limit lets in; its signature is random."""
    revoked = b''.join(seq(tlv(0x02, b'\x01' + secrets.token_bytes(19)), tlv(0x17, b'260101000000Z'))
                       for _ in range(entries))
    tbs = seq(integer(1), SHA256_RSA, name('crowded CRL issuer'), tlv(0x17, b'260101000000Z'),
              tlv(0x17, b'360101000000Z'), seq(revoked))
    return seq(tbs, SHA256_RSA, tlv(0x03, b'\x00' + secrets.token_bytes(256)))


def pkcs7(certificates):
    signed_data = seq(integer(1), tlv(0x31, b''), seq(tlv(0x06, bytes.fromhex('2a864886f70d010701'))),
                      tlv(0xA0, b''.join(certificates)), tlv(0x31, b''))
    return seq(tlv(0x06, bytes.fromhex('2a864886f70d010702')), tlv(0xA0, signed_data))


def pfx_of_encrypted_parts(parts, iterations):
    pbe_3des = bytes.fromhex('2a864886f70d010c0103')  # pbeWithSHAAnd3-KeyTripleDES-CBC
    algorithm = seq(tlv(0x06, pbe_3des), seq(tlv(0x04, secrets.token_bytes(8)), integer(iterations)))
    encrypted_part = seq(tlv(0x06, bytes.fromhex('2a864886f70d010706')),  # encryptedData
                         tlv(0xA0, seq(integer(0), seq(tlv(0x06, bytes.fromhex('2a864886f70d010701')),
                                                       algorithm, tlv(0x80, secrets.token_bytes(64))))))
    authenticated_safe = seq(*([encrypted_part] * parts))
    return seq(integer(3), seq(tlv(0x06, bytes.fromhex('2a864886f70d010701')),
                               tlv(0xA0, tlv(0x04, authenticated_safe))))


def main(out):
    os.makedirs(out, exist_ok=True)

    def write(file, data):
        with open(os.path.join(out, file), 'wb') as f:
            f.write(data)

    # One signature check made slow by the exponent: refused on read.
    write('rsa-16384-huge-exponent.der', self_signed('huge exponent', 16384, random_odd(16380)))
    # The costliest single certificate inside the limits: modulus and exponent at their caps.
    write('rsa-16384-exponent-64.der', self_signed('largest key', 16384, random_odd(64)))
    # A bundle of such certificates, as many as the input size limit lets through: refused
    # when its signature checks pass the budget (kMaxSignatureWorkPerInput).
    largest = self_signed('largest key', 16384, random_odd(64))
    count = (4 * 1024 * 1024 - 64) // (len(largest) + 8)
    certificates = [self_signed('largest key %d' % i, 16384, random_odd(64)) for i in range(count)]
    write('p7b-of-16384-bit-certificates.p7b', pkcs7(certificates))
    # The most of them the budget lets through (each costs 241 RSA-2048 checks of 2048).
    write('p7b-of-8-16384-bit-certificates.p7b', pkcs7(certificates[:8]))
    # The same with the exponent a stranger would choose: refused on the first certificate.
    write('p7b-of-huge-exponents.p7b',
          pkcs7([self_signed('huge %d' % i, 8192, random_odd(8190)) for i in range(20)]))
    # A modulus one bit over the limit.
    write('rsa-16385.der', self_signed('over the modulus limit', 16385, 65537))
    # More certificates than a container may hold, each cheap.
    small = self_signed('small', 1024, 65537)
    write('p7b-of-1001-certificates.p7b', pkcs7([small] * 1001))
    # More PEM blocks than a file may hold.
    pem = b'-----BEGIN CERTIFICATE-----\n' + base64.encodebytes(small) + b'-----END CERTIFICATE-----\n'
    write('pem-of-1001-blocks.pem', pem * 1001)
    # Nesting one level deeper than the readers go.
    nested = tlv(0x05, b'')
    for _ in range(65):
        nested = seq(nested)
    write('nested-65-deep.der', nested)
    # A PFX with no MAC and 16 encrypted parts at 2 000 000 iterations each (PKCS#12 3DES:
    # key and IV derived apart), opened by the empty password without --passin: refused
    # from what it declares, before any derivation (the KDF budget of one input).
    write('pfx-16-parts-at-the-cap.p12', pfx_of_encrypted_parts(16, 2000000))
    # A CRL as long as the input limit allows: about 107 000 revoked serials (39 bytes each).
    write('crl-of-107000-entries.der', crl(107000))
    # One byte over the input size limit.
    write('over-4-mib.der', tlv(0x04, b'\0' * (4 * 1024 * 1024)))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'build/hostile')
