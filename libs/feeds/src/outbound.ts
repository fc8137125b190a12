import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector, fetch, type Response } from 'undici';

/**
 * The product's one door to other people's servers (feeds, and the article pages they link). A feed
 * url is typed by an admin and a redirect by a stranger, so every connection is checked where it is
 * made: the address a name resolves to (and an address written in the url) must be a public unicast
 * one — never loopback, private, link-local, carrier-grade NAT, multicast or reserved — unless the
 * operator allows private addresses (FEED_ALLOW_PRIVATE=true: a feed on the LAN, or the tests' local
 * server). The check runs on the resolved address, at connect time, on every hop of a redirect, so
 * neither a name that resolves inward nor a redirect that points inward gets through.
 */
export interface OutboundOptions {
  /** Inward addresses allowed: all (true), none (false), or these addresses and CIDR ranges. */
  allowPrivate: boolean | readonly string[];
  /** The whole exchange, headers and body, in milliseconds. */
  timeoutMs: number;
  /** Bytes of body read at most (after decompression). */
  maxBytes: number;
  /** Redirects followed at most. */
  maxRedirects: number;
  userAgent: string;
}

export type OutboundErrorCode = 'ADDRESS_REFUSED' | 'BAD_URL' | 'TOO_LARGE' | 'TOO_MANY_REDIRECTS' | 'TIMEOUT' | 'NETWORK';

/** Why a fetch did not bring a body: a short sentence for the admin's feed list, and a stable code. */
export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

/** Whether an address may be reached from here: public unicast only (an IPv4-mapped IPv6 address counts as its IPv4). */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  if (parsed.range() !== 'unicast') return false;
  // IPv6: only the global unicast block (the deprecated IPv4-compatible ::a.b.c.d forms and the like are not).
  return parsed.kind() === 'ipv4' || parsed.match(GLOBAL_UNICAST_V6);
}

function refused(host: string, address: string): OutboundError {
  return new OutboundError(
    'ADDRESS_REFUSED',
    `${host} is at ${address}, a private, loopback or reserved address: refused (FEED_ALLOW_PRIVATE=true allows it).`,
  );
}

/** The check every connection passes: a public address, or one the operator allowed. */
export function addressPolicy(allowPrivate: boolean | readonly string[]): (address: string) => boolean {
  if (allowPrivate === true) return () => true;
  if (allowPrivate === false) return isPublicAddress;
  const ranges = allowPrivate.map((entry) =>
    entry.includes('/') ? ipaddr.parseCIDR(entry) : ipaddr.parseCIDR(`${entry}/${entry.includes(':') ? 128 : 32}`),
  );
  return (address) => {
    if (isPublicAddress(address)) return true;
    if (!ipaddr.isValid(address)) return false;
    const parsed = ipaddr.process(address);
    return ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
  };
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup, refusing the whole name when any address it resolves to is not allowed. */
const guardedLookup =
  (allowed: (address: string) => boolean) =>
  (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, options.all ? [] : '');
      const inward = addresses.find((a) => !allowed(a.address));
      if (inward) return callback(refused(hostname, inward.address), options.all ? [] : '');
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    });
  };

export interface FetchedBody {
  status: number;
  /** The url that answered, after redirects. */
  url: string;
  headers: { get(name: string): string | null };
  /** null for a 304 or an error status (the body is not read). */
  text: string | null;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The charset a response declares (header, else an XML or HTML declaration in its first bytes), if the runtime knows it. */
function charsetOf(contentType: string | null, head: Uint8Array): string {
  const declared =
    /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ??
    /^<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(new TextDecoder('latin1').decode(head.subarray(0, 200)))?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(new TextDecoder('latin1').decode(head.subarray(0, 2048)))?.[1];
  if (!declared) return 'utf-8';
  try {
    return new TextDecoder(declared).encoding;
  } catch {
    return 'utf-8';
  }
}

/** One agent per configuration: keep-alive connections are reused across a poll, and every connection is checked. */
export class Outbound {
  private readonly agent: Agent;

  constructor(readonly options: OutboundOptions) {
    const allowed = addressPolicy(options.allowPrivate);
    const connect = buildConnector({ timeout: options.timeoutMs, lookup: guardedLookup(allowed) });
    this.agent = new Agent({
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connect: (opts, callback) => {
        // An address written in the url is never looked up: it is checked here.
        const host = opts.hostname.replace(/^\[|\]$/g, '');
        if (isIP(host) !== 0 && !allowed(host)) return callback(refused(host, host), null);
        connect(opts, callback);
      },
    });
  }

  /** Checks a url's shape before anything is sent: http or https only. */
  static parseUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new OutboundError('BAD_URL', `"${raw.slice(0, 200)}" is not a URL.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new OutboundError('BAD_URL', `Only http and https urls are fetched, not ${url.protocol}.`);
    }
    return url;
  }

  /**
   * GETs a url, following at most `maxRedirects` redirects (each checked like the first), within the
   * timeout and the size cap. A 2xx answer's body is read as text in its declared charset.
   */
  async get(raw: string, headers: Record<string, string>, cancel?: AbortSignal): Promise<FetchedBody> {
    let url = Outbound.parseUrl(raw);
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = cancel ? AbortSignal.any([timeout, cancel]) : timeout;
    for (let hops = 0; ; hops++) {
      let response: Response;
      try {
        response = await fetch(url, {
          dispatcher: this.agent,
          redirect: 'manual',
          signal,
          headers: { 'user-agent': this.options.userAgent, ...headers },
        });
      } catch (error) {
        if (cancel?.aborted) throw cancel.reason;
        throw this.explain(error, url);
      }
      const location = response.headers.get('location');
      if (REDIRECTS.has(response.status) && location) {
        await response.body?.cancel();
        if (hops >= this.options.maxRedirects) {
          throw new OutboundError('TOO_MANY_REDIRECTS', `More than ${this.options.maxRedirects} redirects from ${raw}.`);
        }
        url = Outbound.parseUrl(new URL(location, url).toString());
        continue;
      }
      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel();
        return { status: response.status, url: url.toString(), headers: response.headers, text: null };
      }
      const text = await this.readText(response, url, cancel);
      return { status: response.status, url: url.toString(), headers: response.headers, text };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async readText(response: Response, url: URL, cancel: AbortSignal | undefined): Promise<string> {
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > this.options.maxBytes) {
      await response.body?.cancel();
      throw this.tooLarge(url);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body ?? []) {
        size += chunk.byteLength;
        if (size > this.options.maxBytes) throw this.tooLarge(url);
        chunks.push(chunk);
      }
    } catch (error) {
      await response.body?.cancel().catch(() => undefined);
      if (error instanceof OutboundError) throw error;
      if (cancel?.aborted) throw cancel.reason;
      throw this.explain(error, url);
    }
    const body = Buffer.concat(chunks);
    return new TextDecoder(charsetOf(response.headers.get('content-type'), body)).decode(body);
  }

  private tooLarge(url: URL): OutboundError {
    return new OutboundError('TOO_LARGE', `${url.host} sent more than ${Math.round(this.options.maxBytes / 1024)} kB.`);
  }

  private explain(error: unknown, url: URL): OutboundError {
    if (error instanceof OutboundError) return error;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof OutboundError) return cause;
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new OutboundError('TIMEOUT', `${url.host} did not answer within ${this.options.timeoutMs} ms.`);
    }
    const code = (cause as { code?: string } | undefined)?.code ?? (error as { code?: string }).code;
    const message = (cause as Error | undefined)?.message ?? (error as Error).message;
    return new OutboundError('NETWORK', `${url.host}: ${code ? `${code} ` : ''}${message}`.slice(0, 300));
  }
}
