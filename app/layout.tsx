import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Pivot Studio",
  description: "Review agent decision points and build NeMo Gym pivot datasets.",
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
