import AccordCLI

// Synchronously, on the main thread, before any task starts: `--version` needs none of it.
CommandRunner.answerVersionRequest()
await CommandRunner.main()
