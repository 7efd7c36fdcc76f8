import AccordCLI

await CommandRunner.main()
