// `npm run email:dev`: render every template in emails/ with its PreviewProps and serve them on loopback.
import { createServer } from "node:http";
import { emailTemplates, renderEmail } from "../app/services/emails.server";

const port = Number(process.env.EMAIL_PREVIEW_PORT ?? 3001);

async function page(name: string) {
  const component = emailTemplates[name as keyof typeof emailTemplates].component as unknown as { PreviewProps?: Record<string, unknown> };
  return renderEmail(name, component.PreviewProps ?? {});
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
  const name = url.pathname.slice(1).replace(/\.txt$/, "");
  if (name && Object.hasOwn(emailTemplates, name)) {
    const rendered = await page(name);
    const asText = url.pathname.endsWith(".txt");
    res.writeHead(200, { "content-type": asText ? "text/plain; charset=utf-8" : "text/html; charset=utf-8" });
    res.end(asText ? rendered.text : rendered.html);
    return;
  }
  const items = Object.keys(emailTemplates)
    .map((n) => `<li><a href="/${n}">${n}</a> · <a href="/${n}.txt">text</a></li>`)
    .join("");
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><title>Email templates</title><h1>Email templates</h1><ul>${items}</ul>`);
});

server.listen(port, "127.0.0.1", () => console.log(`Email previews at http://127.0.0.1:${port}/`));
