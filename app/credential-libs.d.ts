// The @digitalbazaar credential libraries ship no TypeScript types: these declare only what the portal uses.

declare module "@digitalbazaar/ed25519-multikey" {
  export type Signer = { id: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
  export type Verifier = { id: string; algorithm: string; verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };
  export type KeyPair = {
    id: string;
    controller: string;
    publicKeyMultibase: string;
    signer(): Signer;
    verifier(): Verifier;
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, string>>;
  };
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<KeyPair>;
  export function from(key: { id?: string; controller?: string; publicKeyMultibase: string; secretKeyMultibase?: string; type?: string }): Promise<KeyPair>;
}

declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    constructor(options: { signer?: import("@digitalbazaar/ed25519-multikey").Signer; cryptosuite: unknown });
  }
}

declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: unknown;
}

declare module "@digitalbazaar/vc" {
  type DocumentLoader = (url: string) => Promise<{ contextUrl?: string | null; documentUrl?: string; document: unknown }>;
  export type VerifyResult = {
    verified: boolean;
    error?: { message?: string; errors?: { message?: string }[] };
    results?: { verified: boolean; error?: { message?: string } }[];
    statusResult?: { verified: boolean; error?: { message?: string } };
  };
  export function issue(options: { credential: object; suite: unknown; documentLoader: DocumentLoader }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: object;
    suite: unknown;
    documentLoader: DocumentLoader;
    checkStatus?: (options: object) => Promise<unknown>;
    now?: Date | string;
  }): Promise<VerifyResult>;
}

declare module "@digitalbazaar/vc-bitstring-status-list" {
  export type StatusList = { setStatus(index: number, status: boolean): void; getStatus(index: number): boolean; encode(): Promise<string> };
  export function createList(options: { length: number }): Promise<StatusList>;
  export function decodeList(options: { encodedList: string }): Promise<StatusList>;
  export function createCredential(options: { id: string; list: StatusList; statusPurpose: string }): Promise<Record<string, unknown>>;
  export function checkStatus(options: object): Promise<{ verified: boolean; error?: unknown; results?: { status?: boolean; verified?: boolean }[] }>;
}

declare module "base58-universal" {
  export function encode(input: Uint8Array): string;
  export function decode(input: string): Uint8Array;
}

declare module "jsonld" {
  /** Only what tests/unit/jsonld-canonical.test.ts uses (the RDF canonical form of a document). */
  const jsonld: { canonize(input: object, options: { algorithm: "RDFC-1.0"; format: "application/n-quads"; documentLoader: unknown; safe?: boolean }): Promise<string> };
  export default jsonld;
}
