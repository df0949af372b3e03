import { expect, test } from "vitest";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as signupAction, loader as signupLoader } from "~/routes/signup";
import { createUser, signedIn, TEST_PASSWORD } from "../support/factories";
import { callAction, callLoader, getRequest, postRequest, statusOf } from "../support/requests";

const HOSTILE = ["/\t/evil.example", "/\n/evil.example", "/\\/evil.example", "//evil.example", "/x\r\nSet-Cookie: a=b"];
const location = (answer: unknown) => (answer instanceof Response ? answer.headers.get("Location") : null);

test("login and sign-up never send a person off the site, nor answer 500, whatever redirectTo says", async () => {
  const { cookie } = await signedIn();
  for (const to of HOSTILE) {
    const query = `?redirectTo=${encodeURIComponent(to)}`;
    for (const [loader, path] of [
      [loginLoader, "/login"],
      [signupLoader, "/signup"],
    ] as const) {
      const answer = await callLoader(loader, getRequest(path + query, cookie));
      expect(statusOf(answer), `${path} ${JSON.stringify(to)}`).toBe(302);
      expect(location(answer)).toBe("/provider");
    }
  }

  const user = await createUser({ email: "redirected@example.org" });
  for (const to of HOSTILE) {
    const answer = await callAction(loginAction, postRequest("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: to }));
    expect(statusOf(answer), JSON.stringify(to)).toBe(302);
    expect(location(answer)).toBe("/provider");
  }
  const signup = await callAction(signupAction, postRequest("/signup", { name: "New Person", email: "new-person@example.org", password: "long enough password", redirectTo: "/\t/evil.example" }));
  expect(statusOf(signup)).toBe(302);
  expect(location(signup)).toBe("/verify-email?sent=1");
});
