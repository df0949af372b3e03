// Types for the dependency-free verifier script, so tests can call it directly.
export function canonicalJson(value: unknown): string;
export function entryHash(prevHash: string, entry: { seq: number; occurredAt: string; event: string; certificateNumber: string; data: unknown }): string;
export function checkpointPayload(c: { log: string; size: number; headHash: string; signedAt: string }): string;
export function checkSignature(checkpoint: unknown, did: unknown): string | null;
export function verifyLog(log: unknown, checkpoint?: unknown, did?: unknown): string[];
