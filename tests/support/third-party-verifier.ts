/**
 * Verification as a third party does it, with the standard libraries only and none of the portal's
 * credential code: the DID document and the status list are what the public routes serve (called
 * in-process here instead of over HTTP, since the network is blocked), contexts are the bundled ones.
 */
import * as vc from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { checkStatus } from "@digitalbazaar/vc-bitstring-status-list";
import { securityLoader } from "@digitalcredentials/security-document-loader";
import * as didRoute from "~/routes/[.]well-known.did[.]json";
import * as statusRoute from "~/routes/credentials.status.$list";
import { callLoader, getRequest } from "./requests";

async function served(loader: typeof didRoute.loader, path: string, params: Record<string, string> = {}) {
  const response = (await callLoader(loader, getRequest(path), params)) as Response;
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as Record<string, unknown> & { id: string };
}

export async function verifyAsThirdParty(credential: object, now?: Date) {
  const did = await served(didRoute.loader, "/.well-known/did.json");
  const list = await served(statusRoute.loader, "/credentials/status/1", { list: "1" });
  const loader = securityLoader({ fetchRemoteContexts: false });
  loader.addStatic(list.id, list);
  const bundled = loader.build();
  const documentLoader = async (url: string) => {
    if (url === did.id) return { contextUrl: null, documentUrl: url, document: did };
    if (url.startsWith(`${did.id}#`)) {
      const methods = did.verificationMethod as { id: string }[];
      const method = methods.find((m) => m.id === url);
      if (!method) throw new Error(`no key ${url}`);
      return { contextUrl: null, documentUrl: url, document: { "@context": did["@context"], ...method } };
    }
    return bundled(url);
  };
  // A set bit must fail: the library's checkStatus reports it as status: true inside a verified result.
  const strictStatus = async (options: object) => {
    const result = await checkStatus(options);
    return result.verified && (result.results ?? []).some((r) => r.status === true) ? { ...result, verified: false } : result;
  };
  return vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite }), documentLoader, checkStatus: strictStatus, ...(now ? { now } : {}) });
}
