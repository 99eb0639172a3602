"""Project date and number formats per language (FORMAT_MODULE_PATH): Vietnamese dd/mm/yyyy."""
