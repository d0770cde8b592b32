from . import mall_channel_import_file
