// Runs once when the header loads (gr.HTML js_on_load). One listener on the document serves every
// message, including ones rendered later; gradio's sanitizer strips inline handlers anyway.
if (!window.__docentWired) {
  window.__docentWired = true;
  document.addEventListener("click", (event) => {
    const cite = event.target.closest("a.docent-cite");
    if (cite) {
      const target = document.getElementById(cite.getAttribute("href").slice(1));
      if (!target) return;  // still streaming: the sources are not rendered yet
      event.preventDefault();  // scroll the chat, not the page, and leave the URL alone
      if (target.tagName === "DETAILS") target.open = true;
      target.scrollIntoView({ block: "nearest", behavior: "smooth" });
      target.classList.remove("docent-flash");
      void target.offsetWidth;  // restart the highlight animation on repeated clicks
      target.classList.add("docent-flash");
      return;
    }
    const copy = event.target.closest("button.docent-copy");
    if (copy) {
      const message = copy.closest(".message-content") || copy.parentElement.parentElement;
      navigator.clipboard.writeText(plainAnswer(message)).then(() => {
        copy.textContent = "Copied";
        setTimeout(() => { copy.textContent = "Copy answer"; }, 1500);
      });
    }
  });
}

// The answer as plain text with its [n] markers, then one line per source with the quoted span.
function plainAnswer(message) {
  const body = message.querySelector(".md") || message;
  const skip = ".docent-sources, .docent-searched, .docent-note, .docent-tools";
  const text = [...body.children].filter((el) => !el.matches(skip)).map((el) => el.innerText.trim()).filter(Boolean);
  const sources = [...body.querySelectorAll(".docent-sources:not(.docent-closest) .docent-source")].map((s) => {
    const where = [...s.querySelectorAll("summary span")].map((x) => x.textContent.trim()).filter(Boolean).join(" · ");
    const quotes = [...s.querySelectorAll("mark")].map((m) => `“${m.textContent.trim()}”`).join(" … ");
    return quotes ? `${where}: ${quotes}` : where;
  });
  return text.join("\n\n") + (sources.length ? `\n\nSources:\n${sources.join("\n")}` : "");
}
