/**
 * The in-tab engine's HttpTransport. Uploads use XMLHttpRequest because fetch cannot report
 * upload progress; the File is passed as is, so the browser streams it from disk. Downloads
 * read the response stream for progress and then go through the browser's download flow.
 */
import type { HttpTransport } from '../../../shared/client/deps.js';
import {
  AvatarResponse,
  FILE_NAME_HEADER,
  HealthResponse,
  UploadResponse,
} from '../../../shared/protocol/index.js';
import { canceledError, errorFromBody, HttpRequestError } from './httpError.js';
import { saveBlob } from './saveBlob.js';

async function failureOf(res: Response): Promise<HttpRequestError> {
  return errorFromBody(res.status, await res.text().catch(() => ''));
}

function networkError(err: unknown, signal?: AbortSignal): Error {
  if (signal?.aborted) return canceledError();
  const detail = err instanceof Error ? err.message : String(err);
  return new HttpRequestError(0, 'network', `Could not reach the server (${detail}).`);
}

/** The HTTP calls of a browser tab. */
export const browserHttp: HttpTransport = {
  async health(baseUrl, signal) {
    let res: Response;
    try {
      res = await fetch(new URL('/api/health', baseUrl), { signal, cache: 'no-store' });
    } catch (err) {
      throw networkError(err, signal);
    }
    if (!res.ok) throw await failureOf(res);
    return HealthResponse.parse(await res.json());
  },

  upload({ url, token, file, onProgress, signal }) {
    return new Promise((resolve, reject) => {
      if (!(file instanceof Blob)) {
        reject(
          new HttpRequestError(0, 'invalid', 'Only files picked in this page can be uploaded.'),
        );
        return;
      }
      if (signal.aborted) {
        reject(canceledError());
        return;
      }
      const xhr = new XMLHttpRequest();
      const onAbort = () => xhr.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      const settle = () => signal.removeEventListener('abort', onAbort);
      xhr.open('POST', url);
      xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.setRequestHeader(FILE_NAME_HEADER, encodeURIComponent(file.name));
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      xhr.upload.onprogress = (e) => onProgress(e.loaded);
      xhr.onload = () => {
        settle();
        if (xhr.status < 200 || xhr.status >= 300) {
          reject(errorFromBody(xhr.status, xhr.responseText));
          return;
        }
        try {
          onProgress(file.size);
          resolve(UploadResponse.parse(JSON.parse(xhr.responseText)));
        } catch {
          reject(
            new HttpRequestError(
              xhr.status,
              'bad_response',
              'The server sent an unreadable answer.',
            ),
          );
        }
      };
      xhr.onerror = () => {
        settle();
        reject(networkError(new Error('network error'), signal));
      };
      xhr.onabort = () => {
        settle();
        reject(canceledError());
      };
      xhr.send(file);
    });
  },

  async postAvatar({ url, token, bytes, type }) {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': type },
        body: bytes as BufferSource,
      });
    } catch (err) {
      throw networkError(err);
    }
    if (!res.ok) throw await failureOf(res);
    return AvatarResponse.parse(await res.json()).user;
  },

  async download({ url, token, file, onProgress, signal }) {
    let res: Response;
    try {
      res = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal });
    } catch (err) {
      throw networkError(err, signal);
    }
    if (!res.ok) throw await failureOf(res);
    // A page cannot write to disk as it reads, so the bytes gather in memory until saved.
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    try {
      const reader = res.body?.getReader();
      if (reader) {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          loaded += value.byteLength;
          onProgress(loaded);
        }
      }
    } catch (err) {
      throw networkError(err, signal);
    }
    if (signal.aborted) throw canceledError();
    saveBlob(
      new Blob(chunks as BlobPart[], { type: file.type || 'application/octet-stream' }),
      file.name,
    );
  },
};
