/**
 * The server's identity: a TLS certificate whose SHA-256 fingerprint people compare and the
 * desktop app pins. Generated once (ECDSA P-256) into the data directory and reused on every
 * start, or read from files the host names (--cert/--key).
 */
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import { ParleyError } from '../../../shared/protocol/index.js';
import type { Logger } from '../../../shared/log.js';

/** A certificate and key ready for the TLS server, with what identifies it. */
export interface ServerCertificate {
  /** PEM certificate chain (leaf first). */
  cert: string;
  /** PEM private key. */
  key: string;
  /** SHA-256 of the leaf certificate's DER bytes, 64 lowercase hex: the server's identity. */
  fingerprint: string;
  /** base64 SHA-256 of the leaf's SubjectPublicKeyInfo (Chromium's --ignore-certificate-errors-spki-list). */
  spkiSha256: string;
}

/** Files of the generated certificate inside the data directory. */
export const TLS_DIR = 'tls';
const CERT_FILE = 'cert.pem';
const KEY_FILE = 'key.pem';

/** SHA-256 fingerprint (64 lowercase hex) of a certificate given as PEM or DER. */
export function certFingerprint(cert: string | Uint8Array): string {
  const der = typeof cert === 'string' ? new X509Certificate(cert).raw : cert;
  return createHash('sha256').update(der).digest('hex');
}

/** Describes a PEM certificate + key; throws naming `what` when they do not fit together. */
function describe(
  cert: string,
  key: string,
  where: { cert: string; key: string },
): ServerCertificate {
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(cert);
  } catch {
    throw new ParleyError('invalid', `${where.cert} is not a PEM certificate.`);
  }
  try {
    if (!leaf.checkPrivateKey(createPrivateKey(key)))
      throw new ParleyError('invalid', `${where.key} is not the private key of ${where.cert}.`);
  } catch (err) {
    if (err instanceof ParleyError) throw err;
    throw new ParleyError('invalid', `${where.key} is not a PEM private key.`);
  }
  const spki = leaf.publicKey.export({ type: 'spki', format: 'der' });
  return {
    cert,
    key,
    fingerprint: certFingerprint(leaf.raw),
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
  };
}

async function readNamed(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ParleyError('invalid', `cannot read the TLS ${what} file ${file} (${reason}).`);
  }
}

/** Reads a certificate and key the host was given; a file that cannot be read is named. */
export async function readCertificateFiles(
  certFile: string,
  keyFile: string,
): Promise<ServerCertificate> {
  const cert = await readNamed(certFile, 'certificate');
  const key = await readNamed(keyFile, 'key');
  return describe(cert, key, { cert: certFile, key: keyFile });
}

/** The data directory's certificate, generated (ECDSA P-256, 10 years) on the first start. */
export async function dataDirCertificate(dataDir: string, log: Logger): Promise<ServerCertificate> {
  const dir = join(dataDir, TLS_DIR);
  const certFile = join(dir, CERT_FILE);
  const keyFile = join(dir, KEY_FILE);
  let cert: string | undefined;
  try {
    cert = await readFile(certFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (cert !== undefined)
    return describe(cert, await readNamed(keyFile, 'key'), { cert: certFile, key: keyFile });

  const machine = hostname();
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 3650 * 24 * 3600_000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: `Parley on ${machine}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: machine },
          { type: 2, value: `${machine}.local` },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // The key first, private from its first byte; the certificate last, so a crash between the two
  // leaves no certificate without its key (the next start simply generates again).
  await writeAtomic(keyFile, pems.private, 0o600);
  await writeAtomic(certFile, pems.cert, 0o644);
  const made = describe(pems.cert, pems.private, { cert: certFile, key: keyFile });
  log.info(`generated a TLS certificate in ${dir} (fingerprint ${made.fingerprint})`);
  return made;
}

async function writeAtomic(file: string, text: string, mode: number): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, text, { mode, flush: true });
  await chmod(tmp, mode);
  await rename(tmp, file);
}
