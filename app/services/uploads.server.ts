import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";

/** Parts a form with one file may have: the file, an intent, a kind and a few spare; a thousand tiny parts is an attack. */
export const MAX_MULTIPART_PARTS = 20;

export type UploadRead = { ok: true; formData: FormData } | { ok: false; reason: "too-large" | "too-many-parts" | "malformed" };

class TooManyParts extends Error {}

/**
 * Read a multipart form with a byte limit per part and a limit on the number of parts, both enforced while
 * streaming. A body the parser cannot read (a broken boundary, a filename with bytes it rejects) is "malformed",
 * which the route answers 400: it is the client's mistake, never a 500.
 */
export async function readMultipart(request: Request, { maxPartSize, maxParts = MAX_MULTIPART_PARTS }: { maxPartSize: number; maxParts?: number }): Promise<UploadRead> {
  const memory = unstable_createMemoryUploadHandler({ maxPartSize });
  let parts = 0;
  const counted: UploadHandler = (part) => {
    parts += 1;
    if (parts > maxParts) throw new TooManyParts();
    return memory(part);
  };
  try {
    const contentType = request.headers.get("content-type") ?? "";
    const formData = contentType.startsWith("multipart/form-data") ? await unstable_parseMultipartFormData(request, counted) : await request.formData();
    return { ok: true, formData };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, reason: "too-large" };
    if (error instanceof TooManyParts) return { ok: false, reason: "too-many-parts" };
    return { ok: false, reason: "malformed" };
  }
}
