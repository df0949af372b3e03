// Prints a new Ed25519 issuer key. Put the secret in ISSUER_KEY (a secret store, never the repository);
// the public half is listed in /.well-known/did.json once the key has signed (decision 018).
import { generate } from "@digitalbazaar/ed25519-multikey";

const key = await generate();
const { publicKeyMultibase, secretKeyMultibase } = await key.export({ publicKey: true, secretKey: true });
console.log(`ISSUER_KEY=${secretKeyMultibase}`);
console.error(`public key: ${publicKeyMultibase}`);
