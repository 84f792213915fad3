"""index tasks can ask for a whole rebuild (the vocabulary page changed)

Revision ID: 9b4e2d7c1a05
Revises: 7d17ce6fc4ec
Create Date: 2026-11-24

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '9b4e2d7c1a05'
down_revision = '7d17ce6fc4ec'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('index_tasks', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('rebuild', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('index_tasks', schema=None) as batch_op:
        batch_op.drop_column('rebuild')
