import { Body, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export function EmailLayout({ preview, heading, children }: { preview: string; heading: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f6f6f4", fontFamily: "system-ui, sans-serif", color: "#1f2328" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", margin: "24px auto", maxWidth: "560px" }}>
          <Text style={{ fontSize: "13px", color: "#8a3b12", fontWeight: 600, margin: 0 }}>Rust Training Accreditation</Text>
          <Heading as="h1" style={{ fontSize: "22px", margin: "12px 0" }}>
            {heading}
          </Heading>
          <Section>{children}</Section>
          <Hr />
          <Text style={{ fontSize: "12px", color: "#57606a" }}>
            You received this because of your account on the foundation&apos;s accreditation portal.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const buttonStyle = {
  backgroundColor: "#8a3b12",
  color: "#ffffff",
  padding: "10px 16px",
  borderRadius: "6px",
  textDecoration: "none",
  display: "inline-block",
} as const;
