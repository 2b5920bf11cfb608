"use client";
import { shortcutsPaused } from "../typingTarget";
import { useEffect } from "react";
import { reasonForDigit, reasonPageCount } from "@/lib/review";
import { reviewKeyFor } from "@/lib/review/reviewKeys";
import { accept, goToNextUnreviewed, redo, undo, useReview } from "../store/review";
import { pickReason } from "./ReviewBar";

/** The review keyboard (lib/review/reviewKeys), active whenever focus is not in a text field and no dialog is open. */
export function ReviewKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (shortcutsPaused(e)) return;
      const { picking, pickPage, reasons, busy, helpOpen } = useReview.getState();
      const action = reviewKeyFor(e, picking, helpOpen);
      if (!action || busy) return;
      e.preventDefault();
      switch (action.kind) {
        case "accept":
          return void accept();
        case "pick-reason":
          return useReview.setState({ picking: true, pickPage: 0 });
        case "more-reasons":
          return useReview.setState({ pickPage: (pickPage + 1) % reasonPageCount(reasons) });
        case "reason": {
          const reason = reasonForDigit(reasons, action.digit, pickPage);
          if (reason) void pickReason(reason.code);
          return;
        }
        case "cancel":
          return useReview.setState({ picking: false });
        case "next-unreviewed":
          return void goToNextUnreviewed();
        case "undo":
          return void undo();
        case "redo":
          return void redo();
        case "edit-note":
          return void window.dispatchEvent(new Event("pivot:edit-note"));
        case "help":
          return useReview.setState((r) => ({ helpOpen: !r.helpOpen }));
        case "close-help":
          return useReview.setState({ helpOpen: false });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return null;
}
