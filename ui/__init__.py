"""The browser chat: a thin gradio adapter over a ready `Assistant`. The only package importing gradio."""
