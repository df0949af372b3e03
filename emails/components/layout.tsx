import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

/** The foundation's name as every email shows it, in the header and the footer. */
export const FOUNDATION_NAME = "Rust Training Accreditation";

const BRAND = "#8a3b12";
const INK = "#1f2328";
const MUTED = "#57606a";

/**
 * The one layout of every email (decision 026): the foundation's mark and name, the heading, the message, then
 * one primary button that goes straight to the thing the email is about, with its address underneath for mail
 * clients that drop buttons, and a footer saying who sent it and why. Colours are fixed (mail clients ignore the
 * site's themes) and pass WCAG AA on white.
 */
export function EmailLayout({
  preview,
  heading,
  greet,
  action,
  children,
}: {
  preview: string;
  heading: string;
  /** The recipient's name: the message opens "Hello {greet},". */
  greet?: string;
  action?: { label: string; href: string };
  children: ReactNode;
}) {
  const home = action ? new URL(action.href).origin : null;
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f6f6f4", fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", color: INK, margin: 0 }}>
        <Container style={{ backgroundColor: "#ffffff", border: "1px solid #d0d7de", borderRadius: "8px", margin: "24px auto", maxWidth: "560px" }}>
          <Section style={{ borderTop: `6px solid ${BRAND}`, borderRadius: "8px 8px 0 0", padding: "20px 24px 0" }}>
            {/* The mark is text, not an image: it shows when a mail client blocks images, and costs no request. */}
            <Text style={{ margin: 0, fontSize: "15px", fontWeight: 700, color: INK }}>
              <span aria-hidden="true" style={{ display: "inline-block", backgroundColor: BRAND, color: "#ffffff", borderRadius: "4px", padding: "0 6px", marginRight: "8px" }}>
                RTA
              </span>
              {FOUNDATION_NAME}
            </Text>
          </Section>
          <Section style={{ padding: "4px 24px 8px" }}>
            <Heading as="h1" style={{ fontSize: "22px", lineHeight: "1.3", margin: "16px 0 12px" }}>
              {heading}
            </Heading>
            {greet === undefined ? null : <Text>Hello {greet},</Text>}
            {children}
            {action ? (
              <Section style={{ margin: "20px 0 8px" }}>
                <Button href={action.href} style={buttonStyle}>
                  {action.label}
                </Button>
                <Text style={{ fontSize: "12px", color: MUTED, margin: "12px 0 0", wordBreak: "break-all" }}>
                  If the button does not work, open this address: <Link href={action.href} style={{ color: "#0550ae" }}>{action.href}</Link>
                </Text>
              </Section>
            ) : null}
          </Section>
          <Hr style={{ borderColor: "#d0d7de", margin: "16px 0 0" }} />
          <Section style={{ padding: "12px 24px 20px" }}>
            <Text style={{ fontSize: "12px", color: MUTED, margin: 0 }}>
              {FOUNDATION_NAME} · accreditation of Rust training providers
              {home ? (
                <>
                  {" · "}
                  <Link href={home} style={{ color: MUTED }}>
                    {new URL(home).host}
                  </Link>
                </>
              ) : null}
            </Text>
            <Text style={{ fontSize: "12px", color: MUTED, margin: "4px 0 0" }}>
              You received this because of your account, application, review or complaint on the foundation&apos;s accreditation portal. Reply
              to this email to reach the programme team.
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: BRAND,
  color: "#ffffff",
  padding: "12px 18px",
  borderRadius: "6px",
  fontWeight: 600,
  textDecoration: "none",
  display: "inline-block",
} as const;

/** Words someone at the foundation wrote (a note, a reason, a question), as typed: line breaks kept; `quoted` sets them off. Nothing when empty. */
export function Written({ text, quoted = false }: { text: string | null | undefined; quoted?: boolean }) {
  if (!text) return null;
  return <Text style={quoted ? QUOTED : { whiteSpace: "pre-wrap" }}>{text}</Text>;
}

const QUOTED = { whiteSpace: "pre-wrap", borderLeft: "3px solid #d0d7de", paddingLeft: "12px" } as const;
