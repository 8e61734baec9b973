from metaethno.cli import main

main()
